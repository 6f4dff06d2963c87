using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using static ImeiGuard.Daemon.Ingest.LinuxDatagrams;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Daemon.Hosting;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>
/// Receives RADIUS datagrams into pinned buffers of its own pool and hands them to workers through a bounded
/// channel. The receive loop never waits for a worker: when the channel is full the datagram is dropped and
/// counted, because a stalled socket would lose far more in the kernel buffer.
/// </summary>
/// <remarks>
/// On Linux one dedicated thread reads up to <see cref="Batch"/> datagrams per recvmmsg(2) call, each straight
/// into a pooled buffer, with the sender's sockaddr written by the kernel where <see cref="IngestDatagram.Address"/>
/// expects it. Elsewhere the loop falls back to <c>Socket.ReceiveFromAsync</c>, one datagram at a time.
/// The pool holds buffers of exactly <see cref="IngestDatagram.BufferSize"/> on the pinned object heap and never
/// drops one, so once the most datagrams in flight (queue + workers + one batch) have been seen, receiving
/// allocates nothing: ArrayPool.Shared rounded 8,256 octets up to 16 KiB and, with a backlog beyond its per-core
/// stacks, allocated (and page-faulted in) a new buffer for every datagram, which made a backlog feed itself.
/// </remarks>
internal sealed partial class RadiusUdpListener : BackgroundService
{
    /// <summary>Datagrams per recvmmsg call.</summary>
    private const int Batch = 32;

    /// <summary>SO_RCVTIMEO: how often a blocked receive looks at the stopping token.</summary>
    private const int ReceiveTimeoutMilliseconds = 200;

    private readonly RadiusOptions _options;
    private readonly RadiusDatagramProcessor _processor;
    private readonly ImeiGuardMetrics _metrics;
    private readonly ILogger<RadiusUdpListener> _logger;
    private readonly Channel<IngestDatagram> _queue;
    private readonly BufferPool _buffers;
    private Socket? _socket;

    public RadiusUdpListener(IOptions<RadiusOptions> options, RadiusDatagramProcessor processor, ImeiGuardMetrics metrics, ILogger<RadiusUdpListener> logger)
    {
        _options = options.Value;
        _processor = processor;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<IngestDatagram>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // never waited on: the loop uses TryWrite and drops
        });
        _buffers = new BufferPool(Math.Min(_options.QueueCapacity, 1024) + Batch);
    }

    /// <summary>The bound endpoint once the socket listens (readiness; port 0 in tests).</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    public bool IsListening => LocalEndPoint is not null;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(_options.BindAddress);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = true;
        }

        socket.ReceiveBufferSize = _options.ReceiveBufferBytes;
        socket.ReceiveTimeout = ReceiveTimeoutMilliseconds;
        socket.Bind(new IPEndPoint(address, _options.Port));
        _socket = socket;
        var kernelDrops = new KernelSocketDrops(socket);
        _metrics.BeforeCollect(() =>
        {
            if (kernelDrops.Read() is { } drops)
            {
                _metrics.SocketDrops.IncTo(drops);
            }
        });
        var local = (IPEndPoint)socket.LocalEndPoint!;
        Log.Listening(_logger, local.ToString(), _processor.ClientCount);
        LocalEndPoint = local;
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = new Task[Math.Max(1, _options.Workers)];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkAsync(stoppingToken), stoppingToken);
        }

        Task receiver;
        if (OperatingSystem.IsLinux())
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    ReceiveBatches(stoppingToken);
                    done.SetResult();
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            })
            { IsBackground = true, Name = "RADIUS receive" };
            thread.Start();
            receiver = done.Task;
        }
        else
        {
            receiver = Task.Run(() => ReceiveAsync(stoppingToken), stoppingToken);
        }

        return Task.WhenAll([receiver, .. workers]);
    }

    /// <summary>
    /// The Linux receive loop: recvmmsg(2) with MSG_WAITFORONE fills up to <see cref="Batch"/> slots, each slot a pooled
    /// buffer (payload at 0, sockaddr at <see cref="IngestDatagram.AddressOffset"/>). A slot whose datagram went to
    /// the queue gets a fresh buffer; one whose datagram was dropped keeps its buffer.
    /// </summary>
    private unsafe void ReceiveBatches(CancellationToken stoppingToken)
    {
        var socket = _socket!;
        var handle = socket.SafeHandle;
        var addedRef = false;
        var buffers = new byte[Batch][];
        var messages = (MMsgHdr*)NativeMemory.AllocZeroed(Batch, (nuint)sizeof(MMsgHdr));
        var iov = (IoVec*)NativeMemory.AllocZeroed(Batch, (nuint)sizeof(IoVec));
        try
        {
            handle.DangerousAddRef(ref addedRef);
            var fd = (int)handle.DangerousGetHandle();
            for (var i = 0; i < Batch; i++)
            {
                messages[i].Header.Iov = &iov[i];
                messages[i].Header.IovLength = 1;
                Assign(i, _buffers.Rent());
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var count = LinuxDatagrams.RecvMmsg(fd, messages, Batch, LinuxDatagrams.MsgWaitForOne, null);
                if (count <= 0)
                {
                    var errno = count < 0 ? Marshal.GetLastPInvokeError() : 0;
                    if (count < 0 && errno is not (LinuxDatagrams.EAgain or LinuxDatagrams.EIntr))
                    {
                        Log.ReceiveError(_logger, errno.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    continue;
                }

                var stamp = Stopwatch.GetTimestamp();
                long octets = 0;
                var received = 0;
                for (var i = 0; i < count; i++)
                {
                    ref var message = ref messages[i];
                    var length = (int)message.Length;
                    var addressLength = (int)message.Header.NameLength;
                    message.Header.NameLength = IngestDatagram.AddressCapacity;
                    if ((message.Header.Flags & LinuxDatagrams.MsgTrunc) != 0)
                    {
                        // Larger than the payload room: ReceiveFromAsync reports this as MessageSize; so do we.
                        Log.ReceiveError(_logger, nameof(SocketError.MessageSize));
                        continue;
                    }

                    received++;
                    octets += length;
                    var buffer = buffers[i];
                    var source = SourceOf(buffer.AsSpan(IngestDatagram.AddressOffset, addressLength));
                    if (_queue.Writer.TryWrite(new IngestDatagram(buffer, length, addressLength, source, stamp)))
                    {
                        Assign(i, _buffers.Rent());
                    }
                    else
                    {
                        _metrics.DroppedQueueFull.Inc();
                    }
                }

                _metrics.DatagramsReceived.Inc(received);
                _metrics.BytesReceived.Inc(octets);
            }
        }
        finally
        {
            foreach (var buffer in buffers)
            {
                if (buffer is not null)
                {
                    _buffers.Return(buffer);
                }
            }

            NativeMemory.Free(messages);
            NativeMemory.Free(iov);
            if (addedRef)
            {
                handle.DangerousRelease();
            }
        }

        // Points slot i at a (pinned) buffer: payload first, the sockaddr after the payload room.
        void Assign(int i, byte[] buffer)
        {
            buffers[i] = buffer;
            var start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
            iov[i].Base = start;
            iov[i].Length = IngestDatagram.PayloadCapacity;
            messages[i].Header.Name = start + IngestDatagram.AddressOffset;
            messages[i].Header.NameLength = IngestDatagram.AddressCapacity;
        }
    }

    /// <summary>The portable receive loop (not Linux): one datagram per <c>ReceiveFromAsync</c>.</summary>
    private async Task ReceiveAsync(CancellationToken stoppingToken)
    {
        var socket = _socket!;
        var from = new SocketAddress(socket.AddressFamily);
        while (!stoppingToken.IsCancellationRequested)
        {
            var buffer = _buffers.Rent();
            int received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer.AsMemory(0, IngestDatagram.PayloadCapacity), SocketFlags.None, from, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                _buffers.Return(buffer);
                break;
            }
            catch (SocketException ex)
            {
                // ICMP errors surface on UDP sockets as ConnectionReset; the socket stays usable.
                _buffers.Return(buffer);
                Log.ReceiveError(_logger, ex.SocketErrorCode.ToString());
                continue;
            }

            var stamp = Stopwatch.GetTimestamp();
            var address = from.Buffer.Span[..from.Size];
            address.CopyTo(buffer.AsSpan(IngestDatagram.AddressOffset));
            var datagram = new IngestDatagram(buffer, received, from.Size, SourceOf(address), stamp);
            _metrics.DatagramsReceived.Inc();
            _metrics.BytesReceived.Inc(received);
            if (!_queue.Writer.TryWrite(datagram))
            {
                _metrics.DroppedQueueFull.Inc();
                _buffers.Return(buffer);
            }
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        using var responses = new ResponseBatch(_socket!, _metrics, _processor.ResponseFailed);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (reader.TryRead(out var datagram))
                {
                    try
                    {
                        _processor.Process(datagram, responses);
                    }
                    finally
                    {
                        _buffers.Return(datagram.Buffer);
                    }
                }

                // Ran dry: answer what this pass decided before waiting for more.
                responses.Flush();
                _metrics.QueueDepth.Set(reader.Count);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// The sender as a 128-bit address (IPv4 mapped), read from the raw sockaddr without allocating.
    /// Linux layout: family (2 octets, host order), then sockaddr_in: port(2) addr(4); sockaddr_in6: port(2) flowinfo(4) addr(16).
    /// </summary>
    private static UInt128 SourceOf(ReadOnlySpan<byte> sockaddr)
    {
        if (sockaddr.Length >= 8 && MemoryMarshal.Read<ushort>(sockaddr) == (ushort)AddressFamily.InterNetwork)
        {
            return ((UInt128)0xFFFF << 32) | BinaryPrimitives.ReadUInt32BigEndian(sockaddr[4..]);
        }

        return sockaddr.Length >= 24 ? BinaryPrimitives.ReadUInt128BigEndian(sockaddr[8..]) : UInt128.Zero;
    }

    public override void Dispose()
    {
        _socket?.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Buffers of exactly <see cref="IngestDatagram.BufferSize"/> octets on the pinned object heap (so recvmmsg can
    /// write into them), kept on a stack under a lock. It grows on demand and never shrinks or drops a buffer; the
    /// bounded queue caps how many can be out at once.
    /// </summary>
    private sealed class BufferPool
    {
        private readonly Lock _gate = new();
        private byte[][] _free;
        private int _count;

        public BufferPool(int initial)
        {
            _free = new byte[initial][];
            for (; _count < initial; _count++)
            {
                _free[_count] = NewBuffer();
            }
        }

        public byte[] Rent()
        {
            lock (_gate)
            {
                if (_count > 0)
                {
                    var buffer = _free[--_count];
                    _free[_count] = null!;
                    return buffer;
                }
            }

            return NewBuffer();
        }

        public void Return(byte[] buffer)
        {
            lock (_gate)
            {
                if (_count == _free.Length)
                {
                    Array.Resize(ref _free, _free.Length * 2);
                }

                _free[_count++] = buffer;
            }
        }

        private static byte[] NewBuffer() => GC.AllocateUninitializedArray<byte>(IngestDatagram.BufferSize, pinned: true);
    }

    private static partial class Log
    {
        // RadiusUdpListener event IDs: 1100-1199 (next free: 1103)
        [LoggerMessage(1101, LogLevel.Information, "RADIUS accounting listening on udp/{Endpoint} with {Clients} trusted client entries")]
        public static partial void Listening(ILogger logger, string endpoint, int clients);

        [LoggerMessage(1102, LogLevel.Debug, "UDP receive error {Error}")]
        public static partial void ReceiveError(ILogger logger, string error);
    }
}
