using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// Accounting-Requests as an attacker or a broken NAS would send them: signed with any secret, with a tampered
/// Message-Authenticator, with any Event-Timestamp, from any loopback source address.
/// </summary>
internal static class ForgedRequests
{
    /// <summary>An Interim-Update of <paramref name="imsi"/> in <paramref name="imeisv"/>, signed with <paramref name="secret"/>.</summary>
    public static byte[] Interim(
        string imsi, string imeisv, string secret, long eventTimestamp, byte identifier = 7, bool messageAuthenticator = false, string sessionId = "S-forged")
    {
        var buffer = new byte[512];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, identifier);
        var length = 0;
        var ok = writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, (uint)AcctStatusType.InterimUpdate)
            && writer.TryWriteAttribute(RadiusAttributeTypes.UserName, Encoding.ASCII.GetBytes(imsi))
            && writer.TryWriteAttribute(RadiusAttributeTypes.AcctSessionId, Encoding.ASCII.GetBytes(sessionId))
            && writer.TryWriteUInt32(RadiusAttributeTypes.EventTimestamp, (uint)eventTimestamp)
            && (!messageAuthenticator || writer.TryWriteMessageAuthenticator())
            && writer.TryWriteThreeGpp(ThreeGppVendorTypes.Imsi, Encoding.ASCII.GetBytes(imsi))
            && writer.TryWriteThreeGpp(ThreeGppVendorTypes.Imeisv, Encoding.ASCII.GetBytes(imeisv))
            && writer.TrySignRequest(Encoding.UTF8.GetBytes(secret), out length);
        return ok ? buffer[..length] : throw new InvalidOperationException("request did not fit");
    }

    /// <summary>
    /// The same request with its Message-Authenticator value changed and the Request Authenticator computed again
    /// over the changed packet (RFC 2866 §3), so only the Message-Authenticator is wrong.
    /// </summary>
    public static byte[] WithBadMessageAuthenticator(string imsi, string imeisv, string secret, long eventTimestamp)
    {
        var packet = Interim(imsi, imeisv, secret, eventTimestamp, messageAuthenticator: true);
        var offset = 20;
        while (packet[offset] != RadiusAttributeTypes.MessageAuthenticator)
        {
            offset += packet[offset + 1];
        }

        packet[offset + 2] ^= 0xFF;
        Array.Clear(packet, 4, 16);
        var digest = MD5.HashData([.. packet, .. Encoding.UTF8.GetBytes(secret)]);
        digest.CopyTo(packet, 4);
        return packet;
    }

    /// <summary>Sends <paramref name="payloads"/> from one socket on <paramref name="source"/> (a loopback address), so from one port.</summary>
    public static async Task SendFromAsync(string source, IPEndPoint target, params byte[][] payloads)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        foreach (var payload in payloads)
        {
            await socket.SendToAsync(payload, SocketFlags.None, target);
        }
    }
}
