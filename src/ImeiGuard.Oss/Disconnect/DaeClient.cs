using System.Net;
using System.Net.Sockets;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Oss.Disconnect;

/// <summary>
/// Sends one Disconnect-Request over UDP and waits for the NAS's ACK/NAK: at most 1 + retransmits
/// transmissions of the same octets, each waiting <c>timeout</c>. Datagrams that do not authenticate as the
/// answer to this request (RFC 5176 §3.4) are ignored. Bounded in time by construction.
/// </summary>
internal sealed class DaeClient
{
    private readonly TimeProvider _time;
    private int _identifier = Random.Shared.Next(256);

    public DaeClient(TimeProvider time) => _time = time;

    /// <summary>The next RADIUS Identifier (wraps at 256; one socket per request keeps replies apart).</summary>
    public byte NextIdentifier() => unchecked((byte)Interlocked.Increment(ref _identifier));

    public async Task<DaeResult> SendAsync(IPEndPoint endpoint, byte[] packet, byte[] secret, TimeSpan timeout, int retransmits, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(endpoint, cancellationToken);
        var buffer = new byte[DisconnectMessage.MaxLength];
        string? lastError = null;
        for (var transmission = 1; transmission <= retransmits + 1; transmission++)
        {
            using var window = new CancellationTokenSource(timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, window.Token);
            try
            {
                await socket.SendAsync(packet, SocketFlags.None, cancellationToken);
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer, SocketFlags.None, linked.Token);
                    if (DisconnectMessage.TryReadResponse(buffer.AsSpan(0, received), packet, secret, out var code, out var cause))
                    {
                        var outcome = code == RadiusCodes.DisconnectAck ? DisconnectOutcome.Ack : DisconnectOutcome.Nak;
                        return new DaeResult(outcome, code, cause, transmission);
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // No valid answer in this window: retransmit.
            }
            catch (SocketException ex)
            {
                // ICMP unreachable arrives as a receive error; wait the rest of the window like a lost answer.
                lastError = ex.SocketErrorCode.ToString();
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, linked.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return new DaeResult(DisconnectOutcome.Timeout, null, 0, retransmits + 1, lastError);
    }
}
