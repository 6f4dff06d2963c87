using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using ImeiGuard.Core.Metrics;
using static ImeiGuard.Daemon.Ingest.LinuxDatagrams;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>
/// One worker's Accounting-Responses, sent together: the worker fills slots while it drains the queue and sends
/// them with one sendmmsg(2) when it runs dry or the batch is full. One sendto per answered request was about a
/// tenth of the daemon's CPU at 50,000 requests/s (a profile in docs/performance.md). A response waits at most
/// for the rest of the batch the worker is deciding, tens of microseconds.
/// </summary>
/// <remarks>
/// Payloads and socket addresses live in pinned arrays and the message headers in native memory, so sending
/// allocates nothing. Not thread-safe: one per worker. Off Linux each response goes out with its own SendTo.
/// </remarks>
internal sealed unsafe class ResponseBatch : IDisposable
{
    public const int Capacity = 32;

    /// <summary>Room per response: an Accounting-Response is 20 octets, more leaves room for attributes.</summary>
    private const int SlotSize = 64;

    private readonly Socket _socket;
    private readonly ImeiGuardMetrics _metrics;
    private readonly Action<string> _onError;
    private readonly byte[] _payloads = GC.AllocateUninitializedArray<byte>(Capacity * SlotSize, pinned: true);
    private readonly byte[] _addresses = GC.AllocateUninitializedArray<byte>(Capacity * IngestDatagram.AddressCapacity, pinned: true);
    private readonly int[] _lengths = new int[Capacity];
    private readonly int[] _addressLengths = new int[Capacity];
    private readonly SocketAddress _address;
    private MMsgHdr* _messages;
    private IoVec* _iov;
    private int _count;

    /// <param name="socket">The RADIUS socket: answers leave from the port the requests came to.</param>
    /// <param name="metrics">Counts what was sent.</param>
    /// <param name="onError">Called with the socket error when a batch could not be sent (it is dropped: the NAS retransmits).</param>
    public ResponseBatch(Socket socket, ImeiGuardMetrics metrics, Action<string> onError)
    {
        _socket = socket;
        _metrics = metrics;
        _onError = onError;
        _address = new SocketAddress(socket.AddressFamily);
        if (OperatingSystem.IsLinux())
        {
            _messages = (MMsgHdr*)NativeMemory.AllocZeroed(Capacity, (nuint)sizeof(MMsgHdr));
            _iov = (IoVec*)NativeMemory.AllocZeroed(Capacity, (nuint)sizeof(IoVec));
            var payloads = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_payloads, 0);
            var addresses = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_addresses, 0);
            for (var i = 0; i < Capacity; i++)
            {
                _iov[i].Base = payloads + (i * SlotSize);
                _messages[i].Header.Iov = &_iov[i];
                _messages[i].Header.IovLength = 1;
                _messages[i].Header.Name = addresses + (i * IngestDatagram.AddressCapacity);
            }
        }
    }

    /// <summary>Responses waiting to be sent.</summary>
    public int Count => _count;

    /// <summary>Where the next response is written; commit it with <see cref="Add"/>.</summary>
    public Span<byte> Next => _payloads.AsSpan(_count * SlotSize, SlotSize);

    /// <summary>Commits the response written into <see cref="Next"/>, to <paramref name="address"/> (a raw sockaddr); sends the batch when full.</summary>
    public void Add(int length, ReadOnlySpan<byte> address)
    {
        address.CopyTo(_addresses.AsSpan(_count * IngestDatagram.AddressCapacity, IngestDatagram.AddressCapacity));
        _lengths[_count] = length;
        _addressLengths[_count] = address.Length;
        if (++_count == Capacity)
        {
            Flush();
        }
    }

    /// <summary>Sends what is waiting.</summary>
    public void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        var sent = OperatingSystem.IsLinux() ? SendBatch() : SendEach();
        if (sent > 0)
        {
            _metrics.ResponsesSent.Inc(sent);
        }

        _count = 0;
    }

    private int SendBatch()
    {
        for (var i = 0; i < _count; i++)
        {
            _iov[i].Length = (nuint)_lengths[i];
            _messages[i].Header.NameLength = (uint)_addressLengths[i];
        }

        var handle = _socket.SafeHandle;
        var addedRef = false;
        try
        {
            handle.DangerousAddRef(ref addedRef);
            var fd = (int)handle.DangerousGetHandle();
            var next = 0;
            var sent = 0;
            while (next < _count)
            {
                // Never block a worker on a full send buffer: what does not fit is dropped, and the NAS retransmits.
                var n = SendMmsg(fd, _messages + next, (uint)(_count - next), MsgDontWait);
                if (n > 0)
                {
                    next += n;
                    sent += n;
                    continue;
                }

                var errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (errno == EIntr)
                {
                    continue;
                }

                _onError(errno == EAgain ? nameof(SocketError.WouldBlock) : "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (n == 0 || errno == EAgain)
                {
                    break;
                }

                next++; // this message failed (e.g. an unreachable address); the rest may still go out
            }

            return sent;
        }
        finally
        {
            if (addedRef)
            {
                handle.DangerousRelease();
            }
        }
    }

    private int SendEach()
    {
        var sent = 0;
        for (var i = 0; i < _count; i++)
        {
            _addresses.AsSpan(i * IngestDatagram.AddressCapacity, _addressLengths[i]).CopyTo(_address.Buffer.Span);
            _address.Size = _addressLengths[i];
            try
            {
                _socket.SendTo(_payloads.AsSpan(i * SlotSize, _lengths[i]), SocketFlags.None, _address);
                sent++;
            }
            catch (SocketException ex)
            {
                _onError(ex.SocketErrorCode.ToString());
            }
        }

        return sent;
    }

    public void Dispose()
    {
        NativeMemory.Free(_messages);
        NativeMemory.Free(_iov);
        _messages = null;
        _iov = null;
    }
}
