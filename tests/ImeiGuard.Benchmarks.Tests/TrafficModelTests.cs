using ImeiGuard.Benchmarks.Support;
using ImeiGuard.LoadGen.Traffic;
using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Benchmarks.Tests;

/// <summary>The load generator's records are what issue 8 asks for, and what the daemon accepts.</summary>
public sealed class TrafficModelTests
{
    private const int Subscribers = 1_000;

    [Fact]
    public void Write_ThreeRounds_EveryRecordIsASignedRealisticRequest()
    {
        var factory = new AccountingRequestFactory(Subscribers, GeneratedTraffic.Secret);
        var buffer = new byte[AccountingRequestFactory.MaxPacketLength];
        int withMa = 0, shortest = int.MaxValue, longest = 0;
        var statuses = new HashSet<AcctStatusType>();
        var uliTypes = new HashSet<byte>();
        for (long n = 0; n < 3 * Subscribers; n++)
        {
            var length = factory.Write(n, buffer);
            var packet = buffer.AsSpan(0, length);

            Assert.Equal(RadiusParseError.None, AccountingRequestParser.Classify(packet, GeneratedTraffic.Secret, RadiusParserOptions.Default, out var request));
            Assert.Equal(SubscriberPopulation.Imsi(factory.SubscriberOf(n)), request.Imsi);
            Assert.Equal(SubscriberPopulation.Device(factory.SubscriberOf(n)), request.Pei.Device);
            Assert.True(request.Location.IsPresent && request.HasRatType && !request.ImsiMccMnc.IsEmpty && !request.SgsnMccMnc.IsEmpty);
            Assert.Equal(factory.StatusOf(n), request.StatusType);
            statuses.Add(request.StatusType);
            uliTypes.Add(request.UserLocationInfoRaw[0]);
            withMa += request.HasMessageAuthenticator ? 1 : 0;
            shortest = Math.Min(shortest, length);
            longest = Math.Max(longest, length);
        }

        Assert.InRange(shortest, 300, 450);
        Assert.InRange(longest, 300, 450);
        Assert.Equal(3, statuses.Count);
        Assert.True(uliTypes.Count >= 4);
        Assert.InRange(withMa, 3 * Subscribers / 10, 3 * Subscribers * 3 / 10);
    }

    [Fact]
    public void Population_ManySubscribers_ImsisAndDevicesAreDistinct()
    {
        const int Count = 200_000;
        var imsis = new HashSet<ulong>();
        var devices = new HashSet<ulong>();
        for (var i = 0; i < Count; i++)
        {
            imsis.Add(SubscriberPopulation.Imsi(i).Packed);
            devices.Add(SubscriberPopulation.Device(i).Value);
        }

        Assert.Equal(Count, imsis.Count);
        Assert.Equal(Count, devices.Count);
    }

    [Fact]
    public void PcapWriter_GeneratedCapture_ReadsBackEveryDatagram()
    {
        var capture = GeneratedTraffic.Capture(500, Subscribers);

        var reader = new CaptureReader(capture);
        var count = 0;
        while (reader.TryReadNext(out var datagram))
        {
            Assert.Equal(1813, datagram.DestinationPort);
            Assert.Equal("127.0.0.1", datagram.Destination.ToString());
            count++;
        }

        Assert.True(reader.IsComplete);
        Assert.Equal(500, count);
    }
}
