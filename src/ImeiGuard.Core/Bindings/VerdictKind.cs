namespace ImeiGuard.Core.Bindings;

/// <summary>The outcome of checking one observation against a SIM's binding.</summary>
public enum VerdictKind : byte
{
    /// <summary>The SIM has no binding or its lock is disabled.</summary>
    NotEnforced = 0,

    /// <summary>The record carried no IMEI, so there is nothing to compare.</summary>
    NoDevice,

    /// <summary>An armed SIM was paired with the device seen.</summary>
    Paired,

    /// <summary>The bound device was seen.</summary>
    Match,

    /// <summary>A device other than the bound one was seen: a new violation, a block command follows.</summary>
    Violation,

    /// <summary>Another device seen while already in violation: no new command (one block per episode).</summary>
    ViolationRepeated,

    /// <summary>A mismatch under the alert policy: Violated and recorded, but no block command.</summary>
    ViolationAlert,

    /// <summary>A mismatch under the dry-run policy: nothing changes or is written; only counted.</summary>
    ViolationDryRun,

    /// <summary>No IMEI under the missing-IMEI alert policy: counted, no state change.</summary>
    NoDeviceAlert,

    /// <summary>An allowed device returned under auto-resume: back to Locked, a resume follows a block.</summary>
    Resumed,

    /// <summary>An allowed device whose location could not be checked, under the unknown-location alert policy.</summary>
    LocationUnknownAlert,

    /// <summary>
    /// Not decided yet: the SIM is not in the near-cache of a shared store (or the store was down for a
    /// transition); the record was copied and is decided once the binding is fetched (counted again then).
    /// </summary>
    Deferred,
}

/// <summary>Names for metric labels and logs, without <c>Enum.ToString()</c> on the hot path.</summary>
public static class VerdictKinds
{
    private static readonly string[] Names = ["not_enforced", "no_device", "paired", "match", "violation", "violation_repeated", "violation_alert", "violation_dryrun", "no_device_alert", "resumed", "location_unknown_alert", "deferred"];

    public static string Name(VerdictKind kind) => Names[(int)kind];

    public static IReadOnlyList<VerdictKind> All { get; } = Enum.GetValues<VerdictKind>();
}
