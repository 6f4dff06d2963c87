using System.Globalization;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Replay;

/// <summary>
/// The human-readable summary of a replay. An admin tool's report: subscriber identifiers are printed.
/// Written once at the end, so it may allocate freely.
/// </summary>
internal static class ReplayReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>What was read: records, datagrams, skipped frames, RADIUS traffic, and the throughput.</summary>
    public static void WriteCapture(TextWriter output, string file, in CaptureReadOutcome outcome, ReplayStatistics statistics, TimeSpan elapsed)
    {
        var counters = outcome.Counters;
        output.WriteLine(string.Create(Invariant, $"replay of {file}: {FormatName(outcome.Format)}, {counters.Frames} packets, {counters.Datagrams} UDP datagrams"));
        var skipped = Join(
            ("not IP", counters.NotIp),
            ("not UDP", counters.NotUdp),
            ("IP fragments", counters.Fragments),
            ("cut by the snap length", counters.Truncated),
            ("malformed IP/UDP", counters.Malformed),
            ("unsupported link type", counters.UnsupportedLinkType),
            ("unknown pcapng interface", counters.UnknownInterface));
        if (skipped.Length > 0)
        {
            output.WriteLine($"  skipped packets: {skipped}");
        }

        output.WriteLine(string.Create(Invariant, $"RADIUS: {statistics.Requests} requests, {statistics.Responses} responses; {statistics.OtherUdp} other UDP datagrams"));
        output.WriteLine(string.Create(Invariant, $"  secrets: {statistics.Checked} requests checked with a matching secret, {statistics.Unverified} accepted unchecked (no secret matched)"));
        output.WriteLine("requests by reason code:");
        foreach (var error in RadiusParseErrors.All)
        {
            var count = statistics.ByReason(error);
            if (count > 0)
            {
                output.WriteLine(string.Create(Invariant, $"  {(error == RadiusParseError.None ? "valid" : RadiusParseErrors.ReasonCode(error)),-32}{count,8}"));
            }
        }

        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        output.WriteLine(string.Create(Invariant, $"throughput: {counters.Frames} packets in {elapsed.TotalMilliseconds:0.###} ms = {counters.Frames / seconds:N0} packets/s"));
    }

    /// <summary>The decisions of a backtest and every violation found.</summary>
    public static void WriteBacktest(TextWriter output, string databasePath, int bindings, ReplayBindingStore store, Backtest backtest, ReplayStatistics statistics)
    {
        output.WriteLine(store.Applies
            ? $"store: {databasePath} ({bindings} bindings); --apply: transitions and block commands were written"
            : $"store: {databasePath} ({bindings} bindings); dry run: nothing was written (--apply writes)");
        output.WriteLine(string.Create(Invariant, $"decisions: {statistics.Decisions} (records without IMSI: {statistics.WithoutImsi})"));
        foreach (var verdict in VerdictKinds.All)
        {
            output.WriteLine(string.Create(Invariant, $"  {VerdictKinds.Name(verdict),-32}{statistics.ByVerdict(verdict),8}"));
        }

        if (statistics.DecisionErrors > 0)
        {
            output.WriteLine(string.Create(Invariant, $"  decision errors (store not written): {statistics.DecisionErrors}; first: {backtest.FirstDecisionError?.Message}"));
        }

        output.WriteLine(string.Create(Invariant, $"transitions: {store.Transitions}; block commands: {store.Commands}{(store.Applies ? "" : " (not written)")}"));
        output.WriteLine(string.Create(Invariant, $"violations: {backtest.Violations.Count}"));
        if (backtest.Violations.Count == 0)
        {
            return;
        }

        output.WriteLine($"  {"IMSI",-16} {"bound IMEI",-15} {"observed IMEI",-15} {"reported as",-16} {"time (UTC)",-20} {"frame",7} NAS");
        foreach (var v in backtest.Violations)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(v.AtUnixMs).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Invariant);
            output.WriteLine(string.Create(Invariant, $"  {v.Imsi,-16} {v.BoundImei.ToImeiString(),-15} {v.Observed.Device.ToImeiString(),-15} {Reported(v.Observed),-16} {at,-20} {v.Frame,7} {Ipv4(v.NasIp)}"));
        }
    }

    private static string FormatName(CaptureFormat format) => format switch
    {
        CaptureFormat.Pcap => "pcap",
        CaptureFormat.PcapNg => "pcapng",
        _ => "unknown format",
    };

    /// <summary>The device as reported: 16-digit IMEISV, 15-digit IMEI or 14 digits.</summary>
    private static string Reported(Pei pei) => pei.Kind switch
    {
        PeiKind.Imeisv16 => pei.Device + pei.TrailingDigits.ToString("D2", Invariant),
        PeiKind.Imei15 => pei.Device + pei.TrailingDigits.ToString(Invariant),
        _ => pei.Device.ToString(),
    };

    private static string Ipv4(uint address) =>
        address == 0 ? "-" : CapturedAddress.FromIpv4(address).ToString();

    private static string Join(params ReadOnlySpan<(string Name, long Count)> counts)
    {
        var parts = new List<string>();
        foreach (var (name, count) in counts)
        {
            if (count > 0)
            {
                parts.Add(string.Create(Invariant, $"{name} {count}"));
            }
        }

        return string.Join(", ", parts);
    }
}
