using ImeiGuard.Core.Bindings;

namespace ImeiGuard.Daemon.Hosting;

/// <summary>
/// The global binding policy (section "ImeiGuard:Policy"). A SIM's rules
/// (<c>PUT .../device-sim-lock/rules</c>) may override any of these. See docs/binding-model.md.
/// </summary>
public sealed class PolicyOptions
{
    /// <summary>What a mismatching device causes: Block (violation + block command), Alert (violation recorded, no command) or DryRun (only counted). Default Block.</summary>
    public MismatchAction OnMismatch { get; set; } = MismatchAction.Block;

    /// <summary>What a record without an IMEI causes while armed or locked: Allow, Alert (counted) or Block (violation + block). Default Allow.</summary>
    public MissingImeiAction OnMissingImei { get; set; } = MissingImeiAction.Allow;

    /// <summary>For SIMs with region rules, a record whose location cannot be checked: Allow (device alone decides), Alert (counted) or Block. Default Allow.</summary>
    public UnknownLocationAction OnUnknownLocation { get; set; } = UnknownLocationAction.Allow;

    /// <summary>End a violation (and resume a block) when an allowed device is seen again. Default false: only an admin RESET or DISABLE ends it.</summary>
    public bool AutoResume { get; set; }

    /// <summary>Debounce: the least time an episode lasts before auto-resume may end it, so flapping gives one block per interval. Default 60 s.</summary>
    public TimeSpan MinEpisodeInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>One IMEI seen on two enforced SIMs within this window is flagged as cloned (history event and imeiguard_cloned_imei_total). Default 5 min.</summary>
    public TimeSpan CloneWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rebind quota: most RESETs per SIM within <see cref="RebindPeriod"/>; a RESET beyond it fails with SIMLOCK_1008. Default 0: no quota.</summary>
    public int RebindLimit { get; set; }

    /// <summary>The rebind quota's sliding window. Default 30 days.</summary>
    public TimeSpan RebindPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A cell database in the OpenCelliD CSV layout (radio, mcc, net, area, cell, unit, lon, lat, range, …), read at start, for CIRCLE areas. Default none: circles then see every location as unknown.</summary>
    public string? CellDatabasePath { get; set; }

    /// <summary>The policy value the enforcer applies.</summary>
    public BindingPolicy ToPolicy() => new()
    {
        OnMismatch = OnMismatch,
        OnMissingImei = OnMissingImei,
        OnUnknownLocation = OnUnknownLocation,
        AutoResume = AutoResume,
        MinEpisodeIntervalMs = (long)MinEpisodeInterval.TotalMilliseconds,
    };
}
