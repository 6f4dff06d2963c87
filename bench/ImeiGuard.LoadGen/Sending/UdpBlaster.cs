using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ImeiGuard.LoadGen.Sending;

/// <summary>
/// Sends the records of a <see cref="PacketPool"/> round-robin over connected UDP sockets with sendmmsg(2), at a
/// fixed rate or flat out, until a count or a duration is reached (whichever comes first). Loopback only.
/// </summary>
/// <remarks>
/// Pacing: the number of records due is rate × elapsed time; whatever is due is sent at once, in batches of at most
/// <c>batch</c>. When nothing is due the thread sleeps (nanosleep) until about a tenth of a millisecond's worth is
/// due, so the generator neither spins on a core the receiver needs nor sends bursts larger than that.
/// </remarks>
internal sealed unsafe class UdpBlaster : IDisposable
{
    private readonly Socket[] _sockets;
    private readonly int[] _fds;

    /// <param name="target">A loopback endpoint; anything else is refused.</param>
    /// <param name="flows">Sockets (so source ports) to spread the records over.</param>
    public UdpBlaster(IPEndPoint target, int flows)
    {
        if (!IPAddress.IsLoopback(target.Address))
        {
            throw new ArgumentException($"refusing to send to {target}: only loopback targets are allowed", nameof(target));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(flows, 1);
        _sockets = new Socket[flows];
        _fds = new int[flows];
        for (var i = 0; i < flows; i++)
        {
            var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { Blocking = true };
            socket.SendBufferSize = 4 * 1024 * 1024;
            socket.ReceiveBufferSize = 64 * 1024; // answers are not read; keep the queue small
            socket.Connect(target);
            _sockets[i] = socket;
            _fds[i] = (int)socket.SafeHandle.DangerousGetHandle();
        }
    }

    /// <summary>Sends until <paramref name="count"/> records or <paramref name="duration"/> have passed. <paramref name="rate"/> 0 = flat out.</summary>
    public SendResult Run(PacketPool pool, double rate, long count, TimeSpan duration, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        batch = Math.Min(batch, 1024); // UIO_MAXIOV
        var chunk = rate > 0 ? (long)Math.Clamp(rate / 10_000, 1, batch) : batch; // ~100 µs of records
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long sent = 0, calls = 0, errors = 0;
        var index = 0;
        var flow = 0;
        while (sent < count)
        {
            var elapsed = clock.Elapsed;
            if (elapsed >= duration)
            {
                break;
            }

            var want = Math.Min(batch, count - sent);
            if (rate > 0)
            {
                var due = Math.Min((long)(rate * elapsed.TotalSeconds), count) - sent;
                if (due < chunk && due < count - sent)
                {
                    var waitMicros = (long)((chunk - Math.Max(due, 0)) * 1_000_000 / rate);
                    Libc.SleepMicroseconds(Math.Clamp(waitMicros, 10, 1_000));
                    continue;
                }

                want = Math.Min(want, due);
            }

            var n = (int)Math.Min(want, pool.Count - index);
            var result = Libc.SendMmsg(_fds[flow], pool.Messages(index), (uint)n, 0);
            calls++;
            if (result < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Libc.EINTR)
                {
                    continue;
                }

                if (errno is not (Libc.EAGAIN or Libc.ENOBUFS or Libc.ECONNREFUSED))
                {
                    throw new IOException($"sendmmsg failed: errno {errno}");
                }

                errors++;
                Libc.SleepMicroseconds(100);
                continue;
            }

            sent += result;
            index = (index + result) % pool.Count;
            flow = (flow + 1) % _fds.Length;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return new SendResult(sent, seconds, calls, errors, cpu);
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }
}

/// <summary>What a run sent: records, wall time, sendmmsg calls, refused calls and the generator's own CPU time.</summary>
internal readonly record struct SendResult(long Sent, double Seconds, long Calls, long Errors, double CpuSeconds)
{
    public double Rate => Seconds > 0 ? Sent / Seconds : 0;
}
