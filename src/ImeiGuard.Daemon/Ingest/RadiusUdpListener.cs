using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Daemon.Hosting;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>
/// Receives RADIUS datagrams into pooled buffers and hands them to workers through a bounded channel.
/// The receive loop never waits for a worker: when the channel is full the datagram is dropped and
/// counted, because a stalled socket would lose far more in the kernel buffer.
/// </summary>
internal sealed partial class RadiusUdpListener : BackgroundService
{
    private readonly RadiusOptions _options;
    private readonly RadiusDatagramProcessor _processor;
    private readonly ImeiGuardMetrics _metrics;
    private readonly ILogger<RadiusUdpListener> _logger;
    private readonly Channel<IngestDatagram> _queue;
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
        socket.Bind(new IPEndPoint(address, _options.Port));
        _socket = socket;
        _processor.Socket = socket;
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

        var receiver = Task.Run(() => ReceiveAsync(stoppingToken), stoppingToken);
        return Task.WhenAll([receiver, .. workers]);
    }

    private async Task ReceiveAsync(CancellationToken stoppingToken)
    {
        var socket = _socket!;
        var from = new SocketAddress(socket.AddressFamily);
        var pool = ArrayPool<byte>.Shared;
        while (!stoppingToken.IsCancellationRequested)
        {
            var buffer = pool.Rent(IngestDatagram.BufferSize);
            int received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer.AsMemory(0, IngestDatagram.PayloadCapacity), SocketFlags.None, from, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                pool.Return(buffer);
                break;
            }
            catch (SocketException ex)
            {
                // ICMP errors surface on UDP sockets as ConnectionReset; the socket stays usable.
                pool.Return(buffer);
                Log.ReceiveError(_logger, ex.SocketErrorCode.ToString());
                continue;
            }

            var stamp = Stopwatch.GetTimestamp();
            var address = from.Buffer.Span[..from.Size];
            address.CopyTo(buffer.AsSpan(IngestDatagram.AddressOffset));
            var datagram = new IngestDatagram(buffer, received, from.Size, SocketAddresses.ToUInt128(from), stamp);
            _metrics.DatagramsReceived.Inc();
            _metrics.BytesReceived.Inc(received);
            if (!_queue.Writer.TryWrite(datagram))
            {
                _metrics.DroppedQueueFull.Inc();
                pool.Return(buffer);
            }
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var reply = new SocketAddress(_socket!.AddressFamily);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (reader.TryRead(out var datagram))
                {
                    try
                    {
                        _processor.Process(datagram, reply);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(datagram.Buffer);
                    }
                }

                _metrics.QueueDepth.Set(reader.Count);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The sender as a 128-bit address (IPv4 mapped), read from the sockaddr bytes without allocating.</summary>
    public override void Dispose()
    {
        _socket?.Dispose();
        base.Dispose();
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
