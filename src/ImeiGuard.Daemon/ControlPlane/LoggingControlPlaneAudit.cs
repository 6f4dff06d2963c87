using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// The audit trail as one Information line per change under the category "ImeiGuard.Audit", so it can be routed
/// apart from the rest of the log. The IMSI is written only when ImeiGuard:LogSubscriberIdentifiers is on, as for
/// every other line at Information or above.
/// </summary>
internal sealed partial class LoggingControlPlaneAudit(ILoggerFactory loggers, IOptions<ImeiGuardOptions> options) : IControlPlaneAudit
{
    private readonly ILogger _logger = loggers.CreateLogger("ImeiGuard.Audit");
    private readonly bool _withSim = options.Value.LogSubscriberIdentifiers;

    public void Record(Caller caller, string action, Imsi sim, string outcome) =>
        Changed(_logger, action, caller.Name, caller.Tenant ?? "-", sim.IsEmpty ? "-" : _withSim ? sim.ToString() : "(hidden)", outcome);

    // ControlPlaneAudit event IDs: 4000-4019 (next free: 4002)
    [LoggerMessage(4001, LogLevel.Information, "Audit {Action} by {Caller} (tenant {Tenant}) on SIM {Sim}: {Outcome}")]
    private static partial void Changed(ILogger logger, string action, string caller, string tenant, string sim, string outcome);
}
