using System.Net;
using System.Net.Sockets;
using System.Text;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// A NAS's Dynamic Authorization Server on 127.0.0.1 (RFC 5176): records every datagram it receives and
/// answers as <c>decide</c> says for the request's User-Name: ACK, NAK with an Error-Cause, or silence.
/// Its receive loop ends when it is disposed.
/// </summary>
internal sealed class DaeResponder : IAsyncDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _secret;
    private readonly Func<string, (byte Code, uint ErrorCause)?> _decide;
    private readonly Lock _gate = new();
    private readonly List<byte[]> _requests = [];
    private readonly Task _loop;

    public DaeResponder(string secret, Func<string, (byte Code, uint ErrorCause)?> decide)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        _decide = decide;
        _loop = RunAsync();
    }

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    public IReadOnlyList<byte[]> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The value of the first attribute of <paramref name="type"/> (RFC 2865 §5 TLV walk), or null.</summary>
    public static byte[]? Attribute(byte[] packet, byte type)
    {
        for (var offset = 20; offset + 2 <= packet.Length && packet[offset + 1] >= 2;)
        {
            if (packet[offset] == type)
            {
                return packet[(offset + 2)..(offset + packet[offset + 1])];
            }

            offset += packet[offset + 1];
        }

        return null;
    }

    private async Task RunAsync()
    {
        var response = new byte[DisconnectMessage.MaxLength];
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_gate)
            {
                _requests.Add(received.Buffer);
            }

            var userName = Attribute(received.Buffer, RadiusAttributeTypes.UserName) is { } name ? Encoding.UTF8.GetString(name) : string.Empty;
            if (_decide(userName) is { } answer)
            {
                var length = DisconnectMessage.WriteResponse(received.Buffer, answer.Code, answer.ErrorCause, _secret, response);
                await _udp.SendAsync(response.AsMemory(0, length), received.RemoteEndPoint);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _udp.Dispose();
        _stop.Dispose();
    }
}
