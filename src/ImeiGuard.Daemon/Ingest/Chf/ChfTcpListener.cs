using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Protocols.Chf;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.Ingest.Chf;

/// <summary>
/// A TCP stream of newline-delimited ChargingDataRequest bodies, read with a <see cref="PipeReader"/>:
/// a record split across reads is reassembled from the pipe's segments without copying, and a line longer
/// than the limit is discarded up to its newline (counted as body_too_large) without buffering it.
/// </summary>
internal sealed partial class ChfTcpListener : BackgroundService
{
    private const int MaxConnections = 64;
    private readonly ChfOptions _options;
    private readonly ChfRecordProcessor _processor;
    private readonly ImeiGuardMetrics _metrics;
    private readonly ILogger<ChfTcpListener> _logger;
    private int _connections;
    private TcpListener? _listener;

    public ChfTcpListener(IOptions<ChfOptions> options, ChfRecordProcessor processor, ImeiGuardMetrics metrics, ILogger<ChfTcpListener> logger)
    {
        _options = options.Value;
        _processor = processor;
        _metrics = metrics;
        _logger = logger;
    }

    public IPEndPoint? LocalEndPoint { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new TcpListener(IPAddress.Parse(_options.BindAddress), _options.TcpPort);
        _listener.Start();
        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
        Log.Listening(_logger, LocalEndPoint.ToString());
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await _listener!.AcceptTcpClientAsync(stoppingToken);
                var source = _processor.Sources.Match((client.Client.RemoteEndPoint as IPEndPoint)?.Address);
                if (source is null || Interlocked.Increment(ref _connections) > MaxConnections)
                {
                    // Untrusted peer, or too many streams at once: refuse and count.
                    if (source is not null)
                    {
                        Interlocked.Decrement(ref _connections);
                    }

                    _metrics.ChfUntrusted.Inc();
                    client.Dispose();
                    continue;
                }

                connections.RemoveAll(static t => t.IsCompleted);
                connections.Add(ServeAsync(client, source, stoppingToken));
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _listener!.Stop();
            await Task.WhenAll(connections);
        }
    }

    private async Task ServeAsync(TcpClient client, string source, CancellationToken stoppingToken)
    {
        try
        {
            using (client)
            {
                await ReadRecordsAsync(PipeReader.Create(client.GetStream()), source, stoppingToken);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            Log.ConnectionEnded(_logger, source, ex.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
        }
    }

    /// <summary>Processes every line of the stream; the last line needs no newline.</summary>
    internal async Task ReadRecordsAsync(PipeReader reader, string source, CancellationToken cancellationToken)
    {
        var discarding = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            try
            {
                while (TryTakeLine(ref buffer, out var line))
                {
                    if (discarding)
                    {
                        discarding = false; // the tail of an oversized record ends here
                    }
                    else
                    {
                        ProcessLine(line, source);
                    }
                }

                if (!discarding && buffer.Length > _options.MaxRecordBytes)
                {
                    _metrics.ChfMalformed(ChfParseError.BodyTooLarge);
                    discarding = true;
                }

                if (discarding)
                {
                    buffer = buffer.Slice(buffer.End);
                }

                if (result.IsCompleted)
                {
                    if (!discarding && !buffer.IsEmpty)
                    {
                        ProcessLine(buffer, source);
                        buffer = buffer.Slice(buffer.End);
                    }

                    return;
                }
            }
            finally
            {
                // Consumed up to the last complete line; everything was examined, so the next read waits for more data.
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private void ProcessLine(in ReadOnlySequence<byte> line, string source)
    {
        var trimmed = line;
        if (!trimmed.IsEmpty && trimmed.Slice(trimmed.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            trimmed = trimmed.Slice(0, trimmed.Length - 1);
        }

        if (!trimmed.IsEmpty)
        {
            _processor.Process(trimmed, ChfRequestKind.Unknown, source);
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    private static partial class Log
    {
        // ChfTcpListener event IDs: 1550-1599 (next free: 1552)
        [LoggerMessage(1550, LogLevel.Information, "CHF records listening on tcp/{Endpoint} (newline-delimited JSON)")]
        public static partial void Listening(ILogger logger, string endpoint);

        [LoggerMessage(1551, LogLevel.Debug, "CHF stream from {Source} ended: {Reason}")]
        public static partial void ConnectionEnded(ILogger logger, string source, string reason);
    }
}
