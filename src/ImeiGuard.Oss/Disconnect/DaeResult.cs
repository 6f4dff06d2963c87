using ImeiGuard.Core.Enforcement;

namespace ImeiGuard.Oss.Disconnect;

/// <summary>What a Disconnect-Request exchange came to.</summary>
/// <param name="Outcome">ACK, NAK, timeout or error.</param>
/// <param name="Code">The RADIUS code answered (41/42), null without an answer.</param>
/// <param name="ErrorCause">Error-Cause of the answer (RFC 5176 §3.5), 0 when absent.</param>
/// <param name="Transmissions">How often the request was sent.</param>
/// <param name="Error">Socket error text, when there was one.</param>
internal sealed record DaeResult(DisconnectOutcome Outcome, int? Code, uint ErrorCause, int Transmissions, string? Error = null);
