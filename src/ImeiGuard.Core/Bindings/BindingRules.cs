using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>The state that the rules read and write: small enough to copy, no I/O, no clock.</summary>
public readonly record struct LockStatus(LockState State, Imei BoundImei, Imei ViolatingImei, long Episode);

/// <summary>The result of <see cref="BindingRules.Decide"/>: the verdict and the state after it.</summary>
public readonly record struct Verdict(VerdictKind Kind, LockStatus Next)
{
    /// <summary>True when the state changed in a way that must be persisted before the verdict is acted on.</summary>
    public bool IsTransition => Kind is VerdictKind.Paired or VerdictKind.Violation;
}

/// <summary>What an admin action does: the next state and whether a resume command must follow a block.</summary>
public readonly record struct ActionOutcome(LockStatus Next, bool Changed, bool EmitsResume);

/// <summary>
/// The SIM-to-device lock as pure functions of (state, input). Devices compare by their 14 identity
/// digits (TAC + SNR), so IMEI and IMEISV forms of one device match.
/// </summary>
public static class BindingRules
{
    /// <summary>Checks one observed device (possibly none) against the lock.</summary>
    public static Verdict Decide(in LockStatus current, Imei observed)
    {
        if (current.State == LockState.Disabled)
        {
            return new Verdict(VerdictKind.NotEnforced, current);
        }

        if (observed.IsEmpty)
        {
            return new Verdict(VerdictKind.NoDevice, current);
        }

        switch (current.State)
        {
            case LockState.Armed:
                return new Verdict(VerdictKind.Paired, current with { State = LockState.Locked, BoundImei = observed, ViolatingImei = default });

            case LockState.Locked when observed == current.BoundImei:
                return new Verdict(VerdictKind.Match, current);

            case LockState.Locked:
                return new Verdict(
                    VerdictKind.Violation,
                    current with { State = LockState.Violated, ViolatingImei = observed, Episode = current.Episode + 1 });

            default:
                // Violated: the SIM stays blocked until an admin acts, whichever device shows up.
                return observed == current.BoundImei
                    ? new Verdict(VerdictKind.Match, current)
                    : new Verdict(VerdictKind.ViolationRepeated, current);
        }
    }

    /// <summary>Applies an admin action. Leaving the Violated state always emits a resume command.</summary>
    public static ActionOutcome Apply(in LockStatus current, LockAction action)
    {
        var next = action switch
        {
            LockAction.Enable => current.State == LockState.Disabled ? current with { State = LockState.Armed } : current,
            LockAction.Disable => current with { State = LockState.Disabled, BoundImei = default, ViolatingImei = default },
            LockAction.Reset => current.State == LockState.Disabled
                ? current
                : current with { State = LockState.Armed, BoundImei = default, ViolatingImei = default },
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

        var emitsResume = current.State == LockState.Violated && next.State != LockState.Violated;
        return new ActionOutcome(next, next != current, emitsResume);
    }
}
