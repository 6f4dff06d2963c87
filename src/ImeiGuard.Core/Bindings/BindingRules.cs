using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Bindings;

/// <summary>The state that the rules read and write: small enough to copy, no I/O, no clock.</summary>
public readonly record struct LockStatus(LockState State, Imei BoundImei, Imei ViolatingImei, long Episode)
{
    /// <summary>Violated under the alert policy: no block was sent, so leaving the episode sends no resume.</summary>
    public bool AlertOnly { get; init; }

    /// <summary>When the current (or last) violation episode started, Unix ms of the observation.</summary>
    public long EpisodeAtMs { get; init; }
}

/// <summary>The result of <see cref="BindingRules.Decide(in LockStatus, Imei, in UserLocation, DeviceRules?, in BindingPolicy, long)"/>: the verdict and the state after it.</summary>
public readonly record struct Verdict(VerdictKind Kind, LockStatus Next)
{
    /// <summary>Why a new episode started (meaningful for Violation and ViolationAlert).</summary>
    public ViolationCause Cause { get; init; }

    /// <summary>True when the state changed in a way that must be persisted before the verdict is acted on.</summary>
    public bool IsTransition => Kind is VerdictKind.Paired or VerdictKind.Violation or VerdictKind.ViolationAlert or VerdictKind.Resumed;

    /// <summary>A block command must be written with the transition.</summary>
    public bool EmitsBlock => Kind == VerdictKind.Violation;
}

/// <summary>What an admin action does: the next state and whether a resume command must follow a block.</summary>
public readonly record struct ActionOutcome(LockStatus Next, bool Changed, bool EmitsResume);

/// <summary>
/// The SIM-to-device lock as pure functions of (state, rules, policy, input). Devices compare by their
/// 14 identity digits (TAC + SNR), so IMEI and IMEISV forms of one device match. The observation time
/// is an input (it comes from the record), never a clock read.
/// </summary>
public static class BindingRules
{
    /// <summary>Checks one observed device against a first-IMEI lock under the default policy.</summary>
    public static Verdict Decide(in LockStatus current, Imei observed) =>
        Decide(current, observed, null, BindingPolicy.Default, 0);

    /// <summary>
    /// Checks one observed device (possibly none). Without device rules the first device seen is paired
    /// and only it is allowed; with device rules every device they match is allowed (the first one is
    /// shown as the bound device) and any other is a mismatch, even while Armed.
    /// </summary>
    public static Verdict Decide(in LockStatus current, Imei observed, DeviceRules? rules, in BindingPolicy policy, long atUnixMs) =>
        Decide(current, observed, default, rules, policy, atUnixMs);

    /// <summary>
    /// As above, with the record's location: when the SIM has region rules, an allowed device must also be
    /// inside the region; a location outside is a mismatch (cause region), and a location the rules cannot
    /// check follows <see cref="BindingPolicy.OnUnknownLocation"/>.
    /// </summary>
    public static Verdict Decide(in LockStatus current, Imei observed, in UserLocation location, DeviceRules? rules, in BindingPolicy policy, long atUnixMs) =>
        Decide(current, observed, location, false, default, rules, policy, atUnixMs);

    /// <summary>As above, with the serving cell's position from the cell database (for CIRCLE areas); <paramref name="hasPosition"/> false when unknown.</summary>
    public static Verdict Decide(
        in LockStatus current, Imei observed, in UserLocation location, bool hasPosition, GeoPoint position, DeviceRules? rules, in BindingPolicy policy, long atUnixMs)
    {
        if (current.State == LockState.Disabled)
        {
            return new Verdict(VerdictKind.NotEnforced, current);
        }

        if (observed.IsEmpty)
        {
            return MissingDevice(current, policy, atUnixMs);
        }

        var constrained = rules is { ConstrainsDevice: true };
        var allowed = current.State == LockState.Armed ? !constrained || rules!.Allows(observed) : Allowed(current, observed, rules, constrained);
        var region = allowed && rules?.Regions is { } regions ? regions.Check(location, hasPosition, position) : RegionCheck.Inside;
        if (region == RegionCheck.Unknown)
        {
            switch (policy.OnUnknownLocation)
            {
                case UnknownLocationAction.Block when current.State != LockState.Violated:
                    return new Verdict(VerdictKind.Violation, NewEpisode(current, observed, atUnixMs, alertOnly: false)) { Cause = ViolationCause.UnknownLocation };
                case UnknownLocationAction.Alert when current.State == LockState.Locked:
                    return new Verdict(VerdictKind.LocationUnknownAlert, current);
                case UnknownLocationAction.Block:
                    return new Verdict(VerdictKind.ViolationRepeated, current);
            }
        }

        switch (current.State)
        {
            case LockState.Armed when allowed && region != RegionCheck.Outside:
                return new Verdict(VerdictKind.Paired, current with { State = LockState.Locked, BoundImei = observed, ViolatingImei = default });

            case LockState.Armed:
            case LockState.Locked when !allowed || region == RegionCheck.Outside:
                return Mismatch(current, observed, policy, atUnixMs, allowed ? ViolationCause.Region : ViolationCause.Device);

            case LockState.Locked:
                return new Verdict(VerdictKind.Match, current);

            default:
                // Violated: blocked until an admin acts, or until an allowed device returns (inside the region)
                // under auto-resume after the episode has lasted the debounce interval.
                if (!allowed)
                {
                    return new Verdict(VerdictKind.ViolationRepeated, current);
                }

                if (region == RegionCheck.Outside)
                {
                    return new Verdict(VerdictKind.ViolationRepeated, current);
                }

                return policy.AutoResume && atUnixMs - current.EpisodeAtMs >= policy.MinEpisodeIntervalMs
                    ? new Verdict(VerdictKind.Resumed, current with
                    {
                        State = LockState.Locked,
                        BoundImei = current.BoundImei.IsEmpty ? observed : current.BoundImei,
                        ViolatingImei = default,
                        AlertOnly = false,
                    })
                    : new Verdict(VerdictKind.Match, current);
        }
    }

    /// <summary>Applies an admin action. Leaving a blocked Violated state always emits a resume command.</summary>
    public static ActionOutcome Apply(in LockStatus current, LockAction action)
    {
        var next = action switch
        {
            LockAction.Enable => current.State == LockState.Disabled ? current with { State = LockState.Armed } : current,
            LockAction.Disable => current with { State = LockState.Disabled, BoundImei = default, ViolatingImei = default, AlertOnly = false },
            LockAction.Reset => current.State == LockState.Disabled
                ? current
                : current with { State = LockState.Armed, BoundImei = default, ViolatingImei = default, AlertOnly = false },
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

        var emitsResume = current.State == LockState.Violated && !current.AlertOnly && next.State != LockState.Violated;
        return new ActionOutcome(next, next != current, emitsResume);
    }

    private static bool Allowed(in LockStatus current, Imei observed, DeviceRules? rules, bool constrained) =>
        constrained ? rules!.Allows(observed) : observed == current.BoundImei;

    private static Verdict MissingDevice(in LockStatus current, in BindingPolicy policy, long atUnixMs)
    {
        if (current.State == LockState.Violated || policy.OnMissingImei == MissingImeiAction.Allow)
        {
            return new Verdict(VerdictKind.NoDevice, current);
        }

        return policy.OnMissingImei == MissingImeiAction.Alert
            ? new Verdict(VerdictKind.NoDeviceAlert, current)
            : new Verdict(VerdictKind.Violation, NewEpisode(current, default, atUnixMs, alertOnly: false)) { Cause = ViolationCause.MissingImei };
    }

    private static Verdict Mismatch(in LockStatus current, Imei observed, in BindingPolicy policy, long atUnixMs, ViolationCause cause) => policy.OnMismatch switch
    {
        MismatchAction.Alert => new Verdict(VerdictKind.ViolationAlert, NewEpisode(current, observed, atUnixMs, alertOnly: true)) { Cause = cause },
        MismatchAction.DryRun => new Verdict(VerdictKind.ViolationDryRun, current) { Cause = cause },
        _ => new Verdict(VerdictKind.Violation, NewEpisode(current, observed, atUnixMs, alertOnly: false)) { Cause = cause },
    };

    private static LockStatus NewEpisode(in LockStatus current, Imei observed, long atUnixMs, bool alertOnly) => current with
    {
        State = LockState.Violated,
        ViolatingImei = observed,
        Episode = current.Episode + 1,
        EpisodeAtMs = atUnixMs,
        AlertOnly = alertOnly,
    };
}
