using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Location;
using ImeiGuard.Protocols.Radius;
using ImeiGuard.Protocols.Tests.Support;

namespace ImeiGuard.Protocols.Tests.Radius;

/// <summary>The hot path allocates nothing: parse, classify, verify, respond, decode, write and read captures.</summary>
public sealed class AllocationTests
{
    private const int Iterations = 25;

    [Fact]
    public void HotPath_EveryCorpusPacket_AllocatesNothingAfterWarmUp()
    {
        string[] sets = ["peer", "synthetic", "malformed"];
        var packets = sets.SelectMany(Corpus.Datagrams).Select(d => d.Payload).ToArray();
        var captures = sets.Select(s => Corpus.ReadRadiusFile(s + ".pcap")).ToArray();
        var secret = Corpus.Secret("nas_group_a");
        var longSecret = new byte[300];
        var response = new byte[64];
        var scratch = new byte[4096];
        var spareFirst = new RadiusParserOptions { NcgiLayout = NcgiLayout.SpareFirst };

        long checksum = 0;
        checksum += Run(packets, captures, secret, longSecret, response, scratch, spareFirst);
        checksum += Run(packets, captures, secret, longSecret, response, scratch, spareFirst);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            checksum += Run(packets, captures, secret, longSecret, response, scratch, spareFirst);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, checksum);
    }

    private static long Run(byte[][] packets, byte[][] captures, byte[] secret, byte[] longSecret, byte[] response, byte[] scratch, RadiusParserOptions spareFirst)
    {
        long sum = 0;
        for (var i = 0; i < packets.Length; i++)
        {
            var packet = packets[i];
            var error = AccountingRequestParser.TryParse(packet, RadiusParserOptions.Default, out var request);
            sum += (int)error + (int)request.ValueError + (long)request.Imsi.Packed + (long)request.Location.CellId;
            sum += (int)AccountingRequestParser.Classify(packet, secret, spareFirst, out _);
            sum += (int)RadiusAuthenticator.VerifyRequest(request.Packet, secret);
            sum += (int)RadiusAuthenticator.VerifyRequest(request.Packet, longSecret);
            sum += RadiusAuthenticator.WriteAccountingResponse(packet, secret, response);
            if (!request.UserLocationInfoRaw.IsEmpty)
            {
                sum += (int)UserLocationDecoder.TryDecode(request.UserLocationInfoRaw, NcgiLayout.SpareFirst, ExtendedENodeBFlag.SetMeansLong, out var location);
                sum += location.Tac;
            }
        }

        for (var i = 0; i < captures.Length; i++)
        {
            var reader = new CaptureReader(captures[i]);
            while (reader.TryReadNext(out var datagram))
            {
                sum += datagram.Payload.Length + datagram.SourcePort;
            }
        }

        var writer = new RadiusPacketWriter(scratch, RadiusCodes.AccountingRequest, 1);
        writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, 1);
        writer.TryWriteThreeGpp(ThreeGppVendorTypes.Imsi, "262011234567890"u8);
        writer.TryWriteMessageAuthenticator();
        writer.TryWriteRaw(scratch.AsSpan(1000, 600));
        sum += writer.TrySignRequest(longSecret, out var length) ? length : 0;
        return sum;
    }
}
