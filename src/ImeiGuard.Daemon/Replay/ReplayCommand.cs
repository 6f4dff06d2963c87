using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Camara;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Oss.CloudEvents;
using ImeiGuard.Protocols.Capture;
using ImeiGuard.Storage;
using Microsoft.Data.Sqlite;

namespace ImeiGuard.Daemon.Replay;

/// <summary>
/// <c>imeiguard replay FILE</c>: offline replay of a pcap/pcapng capture through the daemon's own capture
/// decoder, RADIUS parser and authenticator checks. With <c>--json</c> it prints the decoded packets; without,
/// it backtests the binding policy of the configured store on the capture and prints a summary.
/// </summary>
internal static class ReplayCommand
{
    public const int ExitOk = 0;
    public const int ExitUnreadable = 1;
    public const int ExitUsage = 2;

    /// <summary>Pipe segment size: most RADIUS records lie within one segment and are decoded in place.</summary>
    private const int PipeBufferSize = 64 * 1024;

    /// <summary>Entry point from Program.cs, on the process's standard streams.</summary>
    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, Console.OpenStandardOutput(), Console.Error, CancellationToken.None);

    /// <summary>Runs the command; <paramref name="output"/> gets the JSON lines or the summary, <paramref name="error"/> the diagnostics.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Stream output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args is ["-h" or "--help"])
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes(ReplayOptions.Usage + "\n"), cancellationToken);
            return ExitOk;
        }

        if (!ReplayOptions.TryParse(args, out var options, out var message)
            || !ReplaySecrets.TryCreate(options.Secrets, options.SecretsFile, out var secrets, out message))
        {
            await error.WriteLineAsync($"replay: {message}\n\n{ReplayOptions.Usage}");
            return ExitUsage;
        }

        var classifier = new RadiusClassifier(options.Ports, secrets, options.NcgiLayout);
        try
        {
            return options.Json
                ? await RunJsonAsync(options, classifier, output, error, cancellationToken)
                : await RunBacktestAsync(options, classifier, output, error, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            await error.WriteLineAsync($"replay: {e.Message}");
            return ExitUnreadable;
        }
    }

    private static async Task<int> RunJsonAsync(ReplayOptions options, RadiusClassifier classifier, Stream output, TextWriter error, CancellationToken cancellationToken)
    {
        var statistics = new ReplayStatistics();

        // Not disposed: that would close the caller's stream (standard output); flushed at the end instead.
        var buffered = new BufferedStream(output, PipeBufferSize);
        using var writer = new JsonRecordWriter(buffered, classifier, statistics, options.IncludeResponses);
        var (outcome, elapsed) = await ReadCaptureAsync(options.File, writer, cancellationToken);
        writer.Flush();
        await buffered.FlushAsync(cancellationToken);
        ReplayReport.WriteCapture(error, options.File, outcome, statistics, elapsed);
        return await ReportOutcomeAsync(options.File, outcome, error);
    }

    private static async Task<int> RunBacktestAsync(ReplayOptions options, RadiusClassifier classifier, Stream output, TextWriter error, CancellationToken cancellationToken)
    {
        var databasePath = Path.Combine(options.DataDirectory ?? ConfiguredDataDirectory(), "imeiguard.db");
        if (!options.Apply && !File.Exists(databasePath))
        {
            await error.WriteLineAsync($"replay: no store at {Path.GetFullPath(databasePath)} (give --data-dir DIR)");
            return ExitUnreadable;
        }

        using var database = new SqliteDatabase(databasePath);
        // Applied violations queue their CAMARA notifications as live ones do (the running daemon delivers them).
        var hook = options.Apply ? new SqliteSubscriptionStore(database, new CloudEventWriter(ConfiguredEventSource(), TimeProvider.System), TimeProvider.System) : null;
        var store = new ReplayBindingStore(new SqliteBindingStore(database, hook: hook), options.Apply);
        var directory = new SubscriberDirectory(new SqliteSubscriberRegistry(database));
        var enforcer = new BindingEnforcer(store, directory, TimeProvider.System);
        enforcer.Load();

        var statistics = new ReplayStatistics();
        var backtest = new Backtest(classifier, statistics, enforcer, directory, TimeProvider.System, learnIdentities: options.Apply);
        var (outcome, elapsed) = await ReadCaptureAsync(options.File, backtest, cancellationToken);
        if (options.Apply)
        {
            enforcer.FlushSightings();
        }

        await using (var text = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 4096, leaveOpen: true))
        {
            ReplayReport.WriteCapture(text, options.File, outcome, statistics, elapsed);
            ReplayReport.WriteBacktest(text, databasePath, enforcer.Count, store, backtest, statistics);
        }

        return await ReportOutcomeAsync(options.File, outcome, error);
    }

    /// <summary>Streams the capture (a file, or standard input for "-") through <paramref name="sink"/>, timing only the reading.</summary>
    private static async Task<(CaptureReadOutcome Outcome, TimeSpan Elapsed)> ReadCaptureAsync(string file, IDatagramSink sink, CancellationToken cancellationToken)
    {
        // bufferSize 1 switches FileStream's own buffering off: the pipe is the buffer.
        await using var stream = file == "-"
            ? (Stream)Console.OpenStandardInput()
            : new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: PipeBufferSize, minimumReadSize: PipeBufferSize / 4, leaveOpen: true));
        using var reader = new CapturePipeReader();
        var started = Stopwatch.GetTimestamp();
        var outcome = await reader.ReadAllAsync(pipe, sink, cancellationToken);
        return (outcome, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Exit code and diagnostics for how the capture ended; a capture cut short is only warned about.</summary>
    private static async Task<int> ReportOutcomeAsync(string file, CaptureReadOutcome outcome, TextWriter error)
    {
        if (outcome.Error != CaptureSkipReason.None || outcome.Format == CaptureFormat.Unknown)
        {
            var why = outcome.Error switch
            {
                CaptureSkipReason.UnknownFormat => "not a pcap or pcapng file",
                CaptureSkipReason.InvalidRecordLength => $"broken record after packet {outcome.Counters.Frames} (impossible length)",
                _ => "empty or too short to be a capture",
            };
            await error.WriteLineAsync($"replay: {file}: {why}");
            return ExitUnreadable;
        }

        if (outcome.TrailingOctets > 0)
        {
            await error.WriteLineAsync($"replay: {file}: ends inside a record ({outcome.TrailingOctets} octets ignored); the capture was cut short");
        }

        return ExitOk;
    }

    /// <summary>
    /// The daemon's data directory as configured: ImeiGuard:DataDirectory from appsettings.json next to the
    /// executable or IMEIGUARD_ImeiGuard__DataDirectory, else "data", the daemon's default.
    /// </summary>
    private static string ConfiguredDataDirectory() => Configuration()["ImeiGuard:DataDirectory"] ?? new ImeiGuardOptions().DataDirectory;

    private static string ConfiguredEventSource() => Configuration()["ImeiGuard:Camara:Notifications:EventSource"] ?? new NotificationOptions().EventSource;

    private static IConfigurationRoot Configuration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables("IMEIGUARD_")
        .Build();
}
