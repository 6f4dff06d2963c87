namespace ImeiGuard.Core.Enforcement;

/// <summary>
/// A command to the operator's OSS: block a SIM whose device changed, or resume it. Serialized once,
/// when it is created, and stored in the outbox, so every retry sends the same bytes.
/// The JSON shape is documented in README ("The block command").
/// </summary>
public sealed record EnforcementCommand
{
    public required string CommandId { get; init; }

    /// <summary>"block" or "resume".</summary>
    public required string Kind { get; init; }

    /// <summary>Stable across retries and restarts: kind, IMSI and violation episode.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>"imei_mismatch", "admin_reset" or "admin_disable".</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required CommandSubscriber Subscriber { get; init; }

    public CommandDevice? Device { get; init; }

    public CommandLocation? Location { get; init; }

    public CommandEvidence? Evidence { get; init; }
}

/// <summary>Who the command is about.</summary>
public sealed record CommandSubscriber(string Imsi, string? Msisdn, string? Iccid);

/// <summary>The bound device and the one that was observed, as 15-digit IMEIs (TAC+SNR and the Luhn digit).</summary>
public sealed record CommandDevice(string? BoundImei, string? ObservedImei, string? ObservedTac);

/// <summary>Where the SIM was seen. Absent members were not reported.</summary>
public sealed record CommandLocation(string? Plmn, uint? Lac, uint? Tac, ulong? CellId, string? CellIdKind, int? UliType);

/// <summary>
/// The record that showed the violation. <see cref="UserName"/> and <see cref="FramedIp"/> identify the
/// session in a RADIUS Disconnect-Request (RFC 5176 §3) together with <see cref="NasIp"/> and <see cref="SessionId"/>.
/// </summary>
public sealed record CommandEvidence(
    string Source,
    string? SourceName,
    string? NasIp,
    string? NasIdentifier,
    string? SessionId,
    DateTimeOffset ObservedAt,
    string? UserName = null,
    string? FramedIp = null);
