using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>
/// One Warning line per new violation, the same for every source, that an operator can grep for
/// ("SIM lock violation"). Subscriber identifiers appear in it only when
/// <see cref="ImeiGuardOptions.LogSubscriberIdentifiers"/> is set: logs often travel further than metrics.
/// </summary>
internal sealed partial class ViolationEventLog
{
    private readonly ILogger<ViolationEventLog> _logger;
    private readonly BindingEnforcer _enforcer;
    private readonly bool _withIdentifiers;

    public ViolationEventLog(ILogger<ViolationEventLog> logger, BindingEnforcer enforcer, IOptions<ImeiGuardOptions> options)
    {
        _logger = logger;
        _enforcer = enforcer;
        _withIdentifiers = options.Value.LogSubscriberIdentifiers;
    }

    /// <summary>Writes the line when <paramref name="verdict"/> is a new violation (blocked or alert-only).</summary>
    public void WriteIfViolation(VerdictKind verdict, string source, Imsi imsi)
    {
        if (verdict is VerdictKind.Violation or VerdictKind.ViolationAlert)
        {
            Write(source, imsi, verdict == VerdictKind.ViolationAlert);
        }
    }

    /// <summary>Writes the line; <paramref name="alertOnly"/> marks a violation under the alert policy (no block written).</summary>
    public void Write(string source, Imsi imsi, bool alertOnly = false)
    {
        if (!_withIdentifiers)
        {
            if (alertOnly)
            {
                Log.ViolationAlert(_logger, source);
            }
            else
            {
                Log.Violation(_logger, source);
            }

            return;
        }

        var record = _enforcer.FindWithoutFirstSeen(imsi);
        (alertOnly ? AlertWithIdentifiers : BlockWithIdentifiers)(
            _logger,
            source,
            imsi.ToString(),
            CommandFactory.FormatImei(record?.BoundImei ?? default) ?? "-",
            CommandFactory.FormatImei(record?.ViolatingImei ?? default) ?? "-",
            record?.Episode ?? 0);
    }

    private static readonly Action<ILogger, string, string, string, string, long> BlockWithIdentifiers = Log.ViolationWithIdentifiers;
    private static readonly Action<ILogger, string, string, string, string, long> AlertWithIdentifiers = Log.ViolationAlertWithIdentifiers;

    private static partial class Log
    {
        // ViolationEventLog event IDs: 1600-1649 (next free: 1605)
        [LoggerMessage(1601, LogLevel.Warning, "SIM lock violation seen in a record from {Source}: block command written to the outbox")]
        public static partial void Violation(ILogger logger, string source);

        [LoggerMessage(1602, LogLevel.Warning, "SIM lock violation source={Source} imsi={Imsi} bound_imei={BoundImei} observed_imei={ObservedImei} episode={Episode}: block command written to the outbox")]
        public static partial void ViolationWithIdentifiers(ILogger logger, string source, string imsi, string boundImei, string observedImei, long episode);

        [LoggerMessage(1603, LogLevel.Warning, "SIM lock violation seen in a record from {Source}: alert policy, no block command written")]
        public static partial void ViolationAlert(ILogger logger, string source);

        [LoggerMessage(1604, LogLevel.Warning, "SIM lock violation source={Source} imsi={Imsi} bound_imei={BoundImei} observed_imei={ObservedImei} episode={Episode}: alert policy, no block command written")]
        public static partial void ViolationAlertWithIdentifiers(ILogger logger, string source, string imsi, string boundImei, string observedImei, long episode);
    }
}
