namespace ImeiGuard.Core.Bindings;

/// <summary>What a mismatching device causes.</summary>
public enum MismatchAction : byte
{
    /// <summary>Violated, and a block command is written (the default).</summary>
    Block = 0,

    /// <summary>Violated and recorded, but no block command: the OSS is not asked to act.</summary>
    Alert = 1,

    /// <summary>Nothing changes and nothing is written; only the verdict is counted (for rollouts).</summary>
    DryRun = 2,
}

/// <summary>What a record without an IMEI causes while the lock is armed or locked.</summary>
public enum MissingImeiAction : byte
{
    /// <summary>Nothing to compare, nothing happens (the default).</summary>
    Allow = 0,

    /// <summary>Counted as <see cref="VerdictKind.NoDeviceAlert"/>; the state does not change.</summary>
    Alert = 1,

    /// <summary>A violation with no violating device, and a block command (whatever <see cref="MismatchAction"/> says).</summary>
    Block = 2,
}

/// <summary>What a record whose location cannot be checked against the SIM's region rules causes.</summary>
public enum UnknownLocationAction : byte
{
    /// <summary>Decide on the device alone (the default).</summary>
    Allow = 0,

    /// <summary>Counted as <see cref="VerdictKind.LocationUnknownAlert"/> where it would have been a match.</summary>
    Alert = 1,

    /// <summary>A violation with reason location_unknown and a block command (whatever <see cref="MismatchAction"/> says).</summary>
    Block = 2,
}

/// <summary>Why an episode started; becomes the block command's reason.</summary>
public enum ViolationCause : byte
{
    /// <summary>imei_mismatch: a device the lock does not allow.</summary>
    Device = 0,

    /// <summary>imei_missing: no IMEI under the missing-IMEI block policy.</summary>
    MissingImei = 1,

    /// <summary>region_mismatch: a known location outside the SIM's region rules.</summary>
    Region = 2,

    /// <summary>location_unknown: no usable location under the unknown-location block policy.</summary>
    UnknownLocation = 3,
}

/// <summary>
/// The policy the verdict applies: a global default from options, optionally overridden per SIM by its
/// rules. A small value type so that resolving it on the hot path allocates nothing.
/// </summary>
public readonly record struct BindingPolicy
{
    /// <summary>Block on mismatch, allow a missing IMEI, no auto-resume, 60 s minimum episode.</summary>
    public static BindingPolicy Default { get; } = new() { MinEpisodeIntervalMs = 60_000 };

    public MismatchAction OnMismatch { get; init; }

    public MissingImeiAction OnMissingImei { get; init; }

    /// <summary>Only consulted for SIMs with region rules.</summary>
    public UnknownLocationAction OnUnknownLocation { get; init; }

    /// <summary>Leave Violated (and resume a block) when an allowed device is seen again.</summary>
    public bool AutoResume { get; init; }

    /// <summary>
    /// Debounce: an episode lasts at least this long before an auto-resume may end it, so a SIM
    /// flapping between two devices gives one block per interval, not one per packet.
    /// </summary>
    public long MinEpisodeIntervalMs { get; init; }

    /// <summary>
    /// The policy in force for one SIM: its own override, else its tenant's, else the global default, field by
    /// field. A value type built from value types, so the decision path resolves it without allocating.
    /// </summary>
    public static BindingPolicy Resolve(in BindingPolicy global, PolicyOverride? tenant, PolicyOverride? sim)
    {
        var baseline = tenant is null ? global : tenant.Over(global);
        return sim is null ? baseline : sim.Over(baseline);
    }
}

/// <summary>A per-SIM (or per-tenant) override of <see cref="BindingPolicy"/>: each null field falls back to the global default.</summary>
public sealed record PolicyOverride
{
    public MismatchAction? OnMismatch { get; init; }

    public MissingImeiAction? OnMissingImei { get; init; }

    public UnknownLocationAction? OnUnknownLocation { get; init; }

    public bool? AutoResume { get; init; }

    public long? MinEpisodeIntervalMs { get; init; }

    /// <summary>The effective policy over <paramref name="global"/>.</summary>
    public BindingPolicy Over(in BindingPolicy global) => new()
    {
        OnMismatch = OnMismatch ?? global.OnMismatch,
        OnMissingImei = OnMissingImei ?? global.OnMissingImei,
        OnUnknownLocation = OnUnknownLocation ?? global.OnUnknownLocation,
        AutoResume = AutoResume ?? global.AutoResume,
        MinEpisodeIntervalMs = MinEpisodeIntervalMs ?? global.MinEpisodeIntervalMs,
    };
}
