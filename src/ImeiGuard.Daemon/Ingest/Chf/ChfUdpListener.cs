using System.Buffers;
using System.Net;
using System.Net.Sockets;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Protocols.Chf;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.Ingest.Chf;

/// <summary>
/// ChargingDataRequest bodies as UDP datagrams (one body each, kind unknown). Records are decided in the
/// receive loop: CHF volume per probe is far below RADIUS's, and the 4 MiB socket buffer absorbs the
/// rare store write of a transition.
/// </summary>
internal sealed partial class ChfUdpListener : BackgroundService
{
    private readonly ChfOptions _options;
    private readonly ChfRecordProcessor _processor;
    private readonly ImeiGuardMetrics _metrics;
    private readonly ILogger<ChfUdpListener> _logger;
    private Socket? _socket;

    public ChfUdpListener(IOptions<ChfOptions> options, ChfRecordProcessor processor, ImeiGuardMetrics metrics, ILogger<ChfUdpListener> logger)
    {
        _options = options.Value;
        _processor = processor;
        _metrics = metrics;
        _logger = logger;
    }

    public IPEndPoint? LocalEndPoint { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(_options.BindAddress);
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 * 1024 * 1024 };
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            _socket.DualMode = true;
        }

        _socket.Bind(new IPEndPoint(address, _options.UdpPort));
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        Log.Listening(_logger, LocalEndPoint.ToString());
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var socket = _socket!;
        var from = new SocketAddress(socket.AddressFamily);
        // A UDP payload cannot exceed 65,507 octets; one buffer for the listener's lifetime.
        var buffer = ArrayPool<byte>.Shared.Rent(65_536);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, from, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (SocketException)
                {
                    continue;
                }

                _metrics.DatagramsReceived.Inc();
                _metrics.BytesReceived.Inc(received);
                var source = _processor.Sources.Match(SocketAddresses.ToUInt128(from));
                if (source is null)
                {
                    _metrics.ChfUntrusted.Inc();
                    continue;
                }

                _processor.Process(buffer.AsSpan(0, received), ChfRequestKind.Unknown, source);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Dispose()
    {
        _socket?.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        // ChfUdpListener event IDs: 1500-1549 (next free: 1502)
        [LoggerMessage(1501, LogLevel.Information, "CHF records listening on udp/{Endpoint}")]
        public static partial void Listening(ILogger logger, string endpoint);
    }
}
