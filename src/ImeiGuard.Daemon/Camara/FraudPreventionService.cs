using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Camara;
using ImeiGuard.Core.Sessions;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Extensions.Options;
using static ImeiGuard.Daemon.Camara.CamaraBindings;

namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// CAMARA bind, unbind and query over the binding engine. IMEIBIND is the device lock: bind locks the SIM to the
/// device the network sees for it now (the session its address named, else its latest session or sighting), or to an
/// explicit <c>imei</c>; with no device known it arms the lock, and the first device seen is paired. AREALIMIT is a
/// region rule: a CIRCLE around the SIM's current cell (cell database), else its current PLMN and TAC/LAC, or an
/// explicit CIRCLE <c>area</c>. Each change is one <see cref="BindingEnforcer.Reconfigure"/> (or a DISABLE when
/// unbind leaves nothing, which ends an open violation with a resume, as the subscriber API's DISABLE does).
/// </summary>
internal sealed class FraudPreventionService(BindingEnforcer enforcer, SessionTable sessions, IOptions<CamaraOptions> options)
{
    private readonly double _areaRadiusM = options.Value.AreaLimitRadiusMeters;

    /// <summary>Binds; false when the SIM is already bound to another device or area, or no area can be drawn.</summary>
    public bool Bind(SimIdentity sim, FraudPreventionRequest request)
    {
        var bound = false;
        if (request.Type == FraudType.ImeiBind)
        {
            var seen = request.ExplicitImei.IsEmpty ? Latest(sim, static s => !s.Imei.IsEmpty) : new Sighting { Imei = request.ExplicitImei };
            enforcer.Reconfigure(sim.Imsi, current => Decide(ImeiBindPlan(current, seen), out bound), "bind", "imei");
        }
        else
        {
            var area = request.ExplicitArea is { } circle ? new RegionRules([], [], [circle]) : AreaAround(Latest(sim, static s => s.Location.IsPresent));
            enforcer.Reconfigure(sim.Imsi, current => Decide(AreaBindPlan(current, area, request.ExplicitArea), out bound), "bind", "area");
        }

        return bound;
    }

    /// <summary>Unbinds; false when the facet was not bound (422 UNNECESSARY_UNBIND_*).</summary>
    public bool Unbind(Imsi imsi, FraudType type)
    {
        var current = enforcer.FindWithoutFirstSeen(imsi) ?? new BindingRecord { Imsi = imsi };
        var (bound, other) = type == FraudType.ImeiBind
            ? (IsImeiBound(current), IsAreaLimited(current))
            : (IsAreaLimited(current), IsImeiBound(current));
        if (!bound)
        {
            return false;
        }

        if (other)
        {
            // The other facet stays: only the rules change (an open violation stays open; see docs/camara.md).
            enforcer.Reconfigure(imsi, c => c.Rules is null ? null : c with
            {
                Rules = type == FraudType.ImeiBind
                    ? Rebuild(c.Rules, keepDevices: false, c.Rules.Regions, anyDevice: true)
                    : Rebuild(c.Rules, keepDevices: true, regions: null, anyDevice: false),
            }, "unbind", type == FraudType.ImeiBind ? "imei" : "area");
            return true;
        }

        // Nothing remains: stop enforcing first (so no packet meets half-removed rules), then drop the region rules
        // so that a later ENABLE does not bring back an area the consumer removed.
        enforcer.Apply(imsi, LockAction.Disable);
        enforcer.Reconfigure(imsi, c => c.State == LockState.Disabled && c.Rules?.Regions is not null
            ? c with { Rules = Rebuild(c.Rules, keepDevices: true, regions: null, anyDevice: false) }
            : null, "unbind", type == FraudType.ImeiBind ? "imei" : "area");
        return true;
    }

    public QueryResponse Query(Imsi imsi, FraudType type)
    {
        var current = enforcer.FindWithoutFirstSeen(imsi) ?? new BindingRecord { Imsi = imsi };
        if (type == FraudType.ImeiBind)
        {
            var device = IsImeiBound(current) ? BoundDevice(current) : default;
            return new QueryResponse(null, new ImeiBindView(device.IsEmpty ? null : CamaraImei.Format(device), IsImeiBound(current) ? "BOUND" : "UNBOUND"));
        }

        var limited = IsAreaLimited(current);
        var circle = limited && current.Rules!.Regions!.Circles is [var first, ..] ? CamaraArea.ToView(first) : null;
        return new QueryResponse(new AreaLimitView(circle, limited ? "RESTRICTED" : "UNRESTRICTED"), null);
    }

    private static BindingRecord? Decide((BindingRecord? Next, bool Bound) plan, out bool bound)
    {
        bound = plan.Bound;
        return plan.Next;
    }

    /// <summary>IMEIBIND: lock to <paramref name="seen"/>'s device, or arm when none is known. Never rebinds a bound SIM to another device.</summary>
    private static (BindingRecord? Next, bool Bound) ImeiBindPlan(BindingRecord current, Sighting seen)
    {
        var device = seen.Imei;
        if (IsImeiBound(current))
        {
            var locked = BoundDevice(current);
            if (!device.IsEmpty && !locked.IsEmpty && device != locked)
            {
                return (null, false);
            }

            // Armed and the device is known now: pair it, if the SIM's own device rules allow it.
            if (current.State == LockState.Armed && !device.IsEmpty)
            {
                return current.Rules is { ConstrainsDevice: true } rules && !rules.Allows(device)
                    ? (null, false)
                    : (current with { State = LockState.Locked, BoundImei = device, FirstSeen = seen }, true);
            }

            return (null, true);
        }

        // Disabled (its old rules do not count), or restricted to an area with any device allowed.
        var rulesAfter = current.State == LockState.Disabled
            ? Rebuild(current.Rules, keepDevices: false, regions: null, anyDevice: false)
            : Rebuild(current.Rules, keepDevices: false, current.Rules?.Regions, anyDevice: false);
        if (current.State == LockState.Violated)
        {
            return (current with { Rules = rulesAfter, BoundImei = device.IsEmpty ? current.BoundImei : device }, true);
        }

        return device.IsEmpty
            ? (current with { State = LockState.Armed, BoundImei = default, Rules = rulesAfter }, true)
            : (current with { State = LockState.Locked, BoundImei = device, FirstSeen = seen, Rules = rulesAfter }, true);
    }

    /// <summary>AREALIMIT: add the region; a SIM that was not enforced is armed with any device allowed. Never replaces another area.</summary>
    private static (BindingRecord? Next, bool Bound) AreaBindPlan(BindingRecord current, RegionRules? area, GeoCircle? explicitArea)
    {
        if (IsAreaLimited(current))
        {
            var same = explicitArea is not { } wanted || current.Rules!.Regions!.Circles is [var existing] && existing == wanted;
            return (null, same);
        }

        if (area is null)
        {
            return (null, false);
        }

        return current.State == LockState.Disabled
            ? (current with { State = LockState.Armed, BoundImei = default, Rules = Rebuild(current.Rules, keepDevices: false, area, anyDevice: true) }, true)
            : (current with { Rules = Rebuild(current.Rules, keepDevices: true, area, anyDevice: current.Rules?.AnyDevice ?? false) }, true);
    }

    /// <summary>A CIRCLE around the sighting's cell when the cell database knows it, else its PLMN and area code; null when neither is known.</summary>
    private RegionRules? AreaAround(Sighting seen)
    {
        var location = seen.Location;
        if (!location.IsPresent)
        {
            return null;
        }

        if (enforcer.Cells?.TryLocate(location, out var position) == true)
        {
            return new RegionRules([], [], [new GeoCircle(position, _areaRadiusM)]);
        }

        var plmn = location.Plmn.IsEmpty ? location.CellPlmn : location.Plmn;
        return plmn.IsEmpty || !(location.HasTac || location.HasLac) ? null : new RegionRules([plmn], [(location.AreaCode, location.AreaCode)]);
    }

    /// <summary>
    /// What the network sees of the SIM now, for the first source that has <paramref name="wanted"/>: the session its
    /// address named; else the fresher of its latest live session and its binding's last sighting (when enforced).
    /// </summary>
    private Sighting Latest(SimIdentity sim, Func<Sighting, bool> wanted)
    {
        if (sim.AddressSession is { } named && wanted(ToSighting(named)))
        {
            return ToSighting(named);
        }

        var live = sessions.FindLatest(sim.Imsi)?.Snapshot() is { } snapshot ? ToSighting(snapshot) : default;
        var binding = enforcer.FindWithoutFirstSeen(sim.Imsi) is { State: not LockState.Disabled } record ? record.LastSeen : default;
        Sighting[] candidates = live.AtUnixMs >= binding.AtUnixMs ? [live, binding] : [binding, live];
        return candidates.FirstOrDefault(wanted);
    }

    private static Sighting ToSighting(SessionSnapshot session) =>
        new() { AtUnixMs = session.AtUnixMs, Imei = session.Device, Location = session.Location, NasIp = session.NasIp };
}
