using System.Buffers.Binary;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Protocols.Tests.Radius;

/// <summary>RFC 5176 Disconnect-Request signing and the ACK/NAK check.</summary>
public sealed class DisconnectMessageTests
{
    private static readonly byte[] Secret = "dae-secret"u8.ToArray();

    [Fact]
    public void TryWriteRequest_IsCode40WithIdentifiersAndVerifiesAsRequest()
    {
        var request = Request(identifier: 7);

        Assert.Equal(RadiusCodes.DisconnectRequest, request[0]);
        Assert.Equal(7, request[1]);
        Assert.Equal(request.Length, BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(2)));
        Assert.Equal(RadiusParseError.None, RadiusAuthenticator.VerifyRequest(request, Secret));
        Assert.Equal(RadiusParseError.BadRequestAuthenticator, RadiusAuthenticator.VerifyRequest(request, "other"u8));
        Assert.Equal(
            [RadiusAttributeTypes.NasIpAddress, RadiusAttributeTypes.UserName, RadiusAttributeTypes.AcctSessionId, RadiusAttributeTypes.FramedIpAddress, RadiusAttributeTypes.EventTimestamp, RadiusAttributeTypes.MessageAuthenticator],
            AttributeTypes(request));
    }

    [Fact]
    public void TryWriteRequest_LeavesOutAbsentIdentifiers()
    {
        var session = new DisconnectSession { NasIp = 0xC0000219, AcctSessionId = "S-9"u8 };
        var buffer = new byte[DisconnectMessage.MaxLength];

        Assert.True(DisconnectMessage.TryWriteRequest(buffer, 1, session, Secret, 0, out var length));
        Assert.Equal([RadiusAttributeTypes.NasIpAddress, RadiusAttributeTypes.AcctSessionId, RadiusAttributeTypes.MessageAuthenticator], AttributeTypes(buffer[..length]));
        Assert.False(new DisconnectSession { NasIp = 1 }.HasSessionIdentifier);
    }

    [Theory]
    [InlineData(RadiusCodes.DisconnectAck, 0u)]
    [InlineData(RadiusCodes.DisconnectNak, 503u)]
    public void TryReadResponse_AnswerFromTheNas_ReturnsCodeAndErrorCause(byte code, uint errorCause)
    {
        var request = Request(identifier: 9);
        var response = new byte[DisconnectMessage.MaxLength];
        var length = DisconnectMessage.WriteResponse(request, code, errorCause, Secret, response);

        Assert.True(DisconnectMessage.TryReadResponse(response.AsSpan(0, length), request, Secret, out var read, out var cause));
        Assert.Equal(code, read);
        Assert.Equal(errorCause, cause);
    }

    [Fact]
    public void TryReadResponse_ForgedOrMismatchedAnswers_AreRejected()
    {
        var request = Request(identifier: 9);
        var response = new byte[DisconnectMessage.MaxLength];
        var length = DisconnectMessage.WriteResponse(request, RadiusCodes.DisconnectAck, 0, Secret, response);
        var valid = response[..length];

        Assert.False(DisconnectMessage.TryReadResponse(valid, request, "wrong"u8, out _, out _));
        Assert.False(DisconnectMessage.TryReadResponse(valid, Request(identifier: 10), Secret, out _, out _));
        Assert.False(DisconnectMessage.TryReadResponse(valid, Request(identifier: 9, session: "S-other"), Secret, out _, out _));
        var tampered = (byte[])valid.Clone();
        tampered[^1] ^= 0x01; // Message-Authenticator value
        Assert.False(DisconnectMessage.TryReadResponse(tampered, request, Secret, out _, out _));
        var wrongCode = (byte[])valid.Clone();
        wrongCode[0] = RadiusCodes.AccountingResponse;
        Assert.False(DisconnectMessage.TryReadResponse(wrongCode, request, Secret, out _, out _));
        Assert.False(DisconnectMessage.TryReadResponse(valid.AsSpan(0, 19), request, Secret, out _, out _));
    }

    private static byte[] Request(byte identifier, string session = "S-1")
    {
        var ids = new DisconnectSession
        {
            NasIp = 0xC0000219,
            UserName = "262017745956507"u8,
            AcctSessionId = System.Text.Encoding.ASCII.GetBytes(session),
            FramedIp = 0x6475121C,
        };
        var buffer = new byte[DisconnectMessage.MaxLength];
        Assert.True(DisconnectMessage.TryWriteRequest(buffer, identifier, ids, Secret, 1_732_356_000, out var length));
        return buffer[..length];
    }

    private static List<byte> AttributeTypes(byte[] packet)
    {
        var types = new List<byte>();
        for (var offset = 20; offset + 2 <= packet.Length; offset += packet[offset + 1])
        {
            types.Add(packet[offset]);
        }

        return types;
    }
}
