using System.Net;
using System.Net.Sockets;
using System.Text;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// Sends signed Accounting-Requests like a PGW (3GPP-IMSI, 3GPP-IMEISV, NAS-IP-Address 192.0.2.25, User-Name,
/// Framed-IP-Address 100.117.18.28) to the daemon on loopback, and waits for the Accounting-Response
/// (three tries of 2 s at most). Built with RadiusPacketWriter, so no external tool is needed.
/// </summary>
internal sealed class AccountingSender : IDisposable
{
    public const uint NasIp = 0xC0000219;      // 192.0.2.25 (TEST-NET-1: named in packets, never a target)
    public const uint FramedIp = 0x6475121C;   // 100.117.18.28
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _daemon;
    private readonly byte[] _secret;
    private int _identifier;

    public AccountingSender(IPEndPoint daemon, string secret = "testing123")
    {
        _daemon = daemon;
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>An Interim-Update of <paramref name="imsi"/> seen in <paramref name="imeisv"/> on session <paramref name="sessionId"/>.</summary>
    public async Task SendAsync(string imsi, string imeisv, string sessionId)
    {
        var packet = Build(imsi, imeisv, sessionId, (byte)Interlocked.Increment(ref _identifier));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await _udp.SendAsync(packet, _daemon);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                var reply = await _udp.ReceiveAsync(cts.Token);
                if (reply.Buffer.Length >= 2 && reply.Buffer[0] == RadiusCodes.AccountingResponse && reply.Buffer[1] == packet[1])
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                // no answer: send again
            }
        }

        throw new TimeoutException($"No Accounting-Response from {_daemon}");
    }

    private byte[] Build(string imsi, string imeisv, string sessionId, byte identifier)
    {
        var buffer = new byte[1024];
        var writer = new RadiusPacketWriter(buffer, RadiusCodes.AccountingRequest, identifier);
        var length = 0;
        var ok = writer.TryWriteUInt32(RadiusAttributeTypes.AcctStatusType, 3)
            && writer.TryWriteUInt32(RadiusAttributeTypes.NasIpAddress, NasIp)
            && writer.TryWriteAttribute(RadiusAttributeTypes.NasIdentifier, "pgw-a-01"u8)
            && writer.TryWriteAttribute(RadiusAttributeTypes.UserName, Encoding.ASCII.GetBytes(imsi))
            && writer.TryWriteAttribute(RadiusAttributeTypes.AcctSessionId, Encoding.ASCII.GetBytes(sessionId))
            && writer.TryWriteUInt32(RadiusAttributeTypes.FramedIpAddress, FramedIp)
            && writer.TryWriteUInt32(RadiusAttributeTypes.EventTimestamp, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds())
            && writer.TryWriteThreeGpp(ThreeGppVendorTypes.Imsi, Encoding.ASCII.GetBytes(imsi))
            && writer.TryWriteThreeGpp(ThreeGppVendorTypes.ImsiMccMnc, "26201"u8)
            && writer.TryWriteThreeGpp(ThreeGppVendorTypes.Imeisv, Encoding.ASCII.GetBytes(imeisv))
            && writer.TrySignRequest(_secret, out length);
        return ok ? buffer[..length] : throw new InvalidOperationException("Accounting-Request did not fit");
    }

    public void Dispose() => _udp.Dispose();
}
