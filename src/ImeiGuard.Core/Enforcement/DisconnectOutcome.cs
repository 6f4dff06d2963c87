namespace ImeiGuard.Core.Enforcement;

/// <summary>Result of the immediate RADIUS Disconnect-Request (RFC 5176) sent for a block command.</summary>
public enum DisconnectOutcome : byte
{
    /// <summary>Not tried (immediate action off, or not yet).</summary>
    None = 0,

    /// <summary>The NAS answered Disconnect-ACK (41).</summary>
    Ack = 1,

    /// <summary>The NAS answered Disconnect-NAK (42), usually with an Error-Cause.</summary>
    Nak = 2,

    /// <summary>No valid answer within the timeout and retransmissions.</summary>
    Timeout = 3,

    /// <summary>No DAE target is configured for the NAS that reported the session, or the evidence names no NAS.</summary>
    NoTarget = 4,

    /// <summary>The request could not be built or sent (no session identifiers, socket error).</summary>
    Error = 5,
}

/// <summary>Metric label and history names of <see cref="DisconnectOutcome"/>.</summary>
public static class DisconnectOutcomes
{
    /// <summary>Every outcome that a request can end with, in enum order after <see cref="DisconnectOutcome.None"/>.</summary>
    public static IReadOnlyList<DisconnectOutcome> Results { get; } =
        [DisconnectOutcome.Ack, DisconnectOutcome.Nak, DisconnectOutcome.Timeout, DisconnectOutcome.NoTarget, DisconnectOutcome.Error];

    public static string Name(DisconnectOutcome outcome) => outcome switch
    {
        DisconnectOutcome.Ack => "ack",
        DisconnectOutcome.Nak => "nak",
        DisconnectOutcome.Timeout => "timeout",
        DisconnectOutcome.NoTarget => "no_target",
        DisconnectOutcome.Error => "error",
        _ => "none",
    };
}
