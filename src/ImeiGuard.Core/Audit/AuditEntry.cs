namespace ImeiGuard.Core.Audit;

/// <summary>
/// One change made through the control plane or an admin command: who did what to which target, the target's
/// state before and after (JSON, null where there was none), and the caller's x-correlator.
/// </summary>
/// <param name="At">When the change was applied.</param>
/// <param name="Actor">The authenticated caller (API key name or token subject).</param>
/// <param name="Tenant">The tenant whose data changed (the SIM's owner); null for the operator's own.</param>
/// <param name="Action">What was done, dotted: "device-sim-lock.enable", "rules.put", "subscriber.put", "subscribers.import", "account.disable", "token.issue".</param>
/// <param name="Target">What it was done to: "imsi:262011234567890", "tenant:acme", "token:&lt;jti&gt;".</param>
/// <param name="Before">The target before the change, as JSON.</param>
/// <param name="After">The target after the change, as JSON.</param>
/// <param name="Correlator">The request's x-correlator header, when sent.</param>
public sealed record AuditEntry(
    DateTimeOffset At, string Actor, string? Tenant, string Action, string? Target, string? Before, string? After, string? Correlator)
{
    /// <summary>Store-assigned, increasing; 0 until recorded.</summary>
    public long Id { get; init; }
}
