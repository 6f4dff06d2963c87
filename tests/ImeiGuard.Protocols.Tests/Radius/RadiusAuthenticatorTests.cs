using System.Buffers.Binary;
using System.Security.Cryptography;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Protocols.Tests.Radius;

public sealed class RadiusAuthenticatorTests
{
    private static ReadOnlySpan<byte> Secret => "testing123"u8;

    [Fact]
    public void VerifyRequest_MatchesIndependentMd5AndHmac()
    {
        var packet = Sign(withMessageAuthenticator: true, Secret);

        // Independent recomputation with plain arrays: RFC 2866 §3 and RFC 5176 §3.4.
        var zeroed = (byte[])packet.Clone();
        Array.Clear(zeroed, 4, 16);
        var maOffset = Array.IndexOf(zeroed, (byte)80, 20) + 2;
        Array.Clear(zeroed, maOffset, 16);
        Assert.Equal(HMACMD5.HashData(Secret.ToArray(), zeroed), packet[maOffset..(maOffset + 16)]);
        var withMa = (byte[])packet.Clone();
        Array.Clear(withMa, 4, 16);
        Assert.Equal(MD5.HashData([.. withMa, .. Secret.ToArray()]), packet[4..20]);

        Assert.Equal(RadiusParseError.None, RadiusAuthenticator.VerifyRequest(packet, Secret));
    }

    [Fact]
    public void VerifyRequest_WrongSecret_ReportsBadRequestAuthenticator()
    {
        Assert.Equal(RadiusParseError.BadRequestAuthenticator, RadiusAuthenticator.VerifyRequest(Sign(true, Secret), "testing124"u8));
    }

    [Fact]
    public void VerifyRequest_MessageAuthenticatorOfWrongSize_ReportsBadMessageAuthenticator()
    {
        var buffer = new byte[128];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 1);
        writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, 1);
        writer.TryWriteAttribute(RadiusAttributeTypes.MessageAuthenticator, new byte[17]);
        Assert.True(writer.TrySignRequest(Secret, out var length));

        Assert.Equal(RadiusParseError.BadMessageAuthenticator, RadiusAuthenticator.VerifyRequest(buffer.AsSpan(0, length), Secret));
    }

    [Fact]
    public void VerifyRequest_DamagedMessageAuthenticatorResigned_ReportsBadMessageAuthenticator()
    {
        var packet = Sign(true, Secret);
        var maOffset = Array.IndexOf(packet, (byte)80, 20) + 2;
        packet[maOffset] ^= 0x01;
        Array.Clear(packet, 4, 16);
        MD5.HashData([.. packet, .. Secret.ToArray()]).CopyTo(packet, 4);

        Assert.Equal(RadiusParseError.BadMessageAuthenticator, RadiusAuthenticator.VerifyRequest(packet, Secret));
    }

    [Fact]
    public void VerifyRequest_PaddingAfterLength_IsIgnored()
    {
        byte[] padded = [.. Sign(true, Secret), 0xDE, 0xAD];

        Assert.Equal(RadiusParseError.None, RadiusAuthenticator.VerifyRequest(padded, Secret));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    public void VerifyRequest_ShortInput_ReportsBadRequestAuthenticator(int length)
    {
        Assert.Equal(RadiusParseError.BadRequestAuthenticator, RadiusAuthenticator.VerifyRequest(new byte[length], Secret));
    }

    [Fact]
    public void VerifyRequest_LengthBeyondInput_ReportsBadRequestAuthenticator()
    {
        var packet = Sign(false, Secret);

        Assert.Equal(RadiusParseError.BadRequestAuthenticator, RadiusAuthenticator.VerifyRequest(packet.AsSpan(0, packet.Length - 1), Secret));
    }

    [Fact]
    public void VerifyRequest_LongSecretAndMaximumPacket_UsePooledScratch()
    {
        var secret = new byte[300];
        new Random(7).NextBytes(secret);
        var buffer = new byte[4096];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 200);
        writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, 3);
        writer.TryWriteMessageAuthenticator();
        var filler = new byte[253];
        while (writer.Length + 255 <= 4096)
        {
            writer.TryWriteAttribute(RadiusAttributeTypes.Class, filler);
        }

        writer.TryWriteAttribute(RadiusAttributeTypes.Class, filler.AsSpan(0, 4096 - writer.Length - 2));
        Assert.True(writer.TrySignRequest(secret, out var length));
        Assert.Equal(4096, length);

        Assert.Equal(RadiusParseError.None, RadiusAuthenticator.VerifyRequest(buffer, secret));
        buffer[4000] ^= 0x80;
        Assert.Equal(RadiusParseError.BadRequestAuthenticator, RadiusAuthenticator.VerifyRequest(buffer, secret));
    }

    [Fact]
    public void WriteAccountingResponse_Request_WritesCode5SameIdAndMd5Authenticator()
    {
        var request = Sign(true, Secret);
        var response = new byte[20];

        Assert.Equal(20, RadiusAuthenticator.WriteAccountingResponse(request, Secret, response));

        Assert.Equal(RadiusCodes.AccountingResponse, response[0]);
        Assert.Equal(request[1], response[1]);
        Assert.Equal(20, BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(2)));
        byte[] input = [5, request[1], 0, 20, .. request[4..20], .. Secret.ToArray()];
        Assert.Equal(MD5.HashData(input), response[4..20]);
    }

    [Fact]
    public void WriteAccountingResponse_InPlaceOverRequest_GivesSameBytes()
    {
        var request = Sign(false, Secret);
        var separate = new byte[20];
        RadiusAuthenticator.WriteAccountingResponse(request, Secret, separate);

        Assert.Equal(20, RadiusAuthenticator.WriteAccountingResponse(request, Secret, request));

        Assert.Equal(separate, request[..20]);
    }

    [Theory]
    [InlineData(19, 20)]
    [InlineData(20, 19)]
    public void WriteAccountingResponse_TooShort_WritesNothing(int requestLength, int destinationLength)
    {
        var destination = new byte[destinationLength];

        Assert.Equal(0, RadiusAuthenticator.WriteAccountingResponse(new byte[requestLength], Secret, destination));
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    private static byte[] Sign(bool withMessageAuthenticator, ReadOnlySpan<byte> secret)
    {
        var buffer = new byte[256];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, 34);
        writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, (uint)AcctStatusType.Start);
        writer.TryWriteAttribute(RadiusAttributeTypes.UserName, "491711234567"u8);
        writer.TryWriteThreeGpp(ThreeGppVendorTypes.Imsi, "262011234567890"u8);
        if (withMessageAuthenticator)
        {
            writer.TryWriteMessageAuthenticator();
        }

        writer.TryWriteAttribute(RadiusAttributeTypes.AcctSessionId, "12345678-0001"u8);
        Assert.True(writer.TrySignRequest(secret, out var length));
        return buffer[..length];
    }
}
