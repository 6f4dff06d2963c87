using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// How the two CAMARA facets read from an ImeiGuard binding (mapping table in docs/camara.md). IMEIBIND is bound
/// when the SIM is enforced (ARMED, LOCKED, VIOLATED) and its rules do not allow any device; AREALIMIT is restricted
/// when the SIM is enforced and has region rules. A DISABLED SIM has neither, whatever rules it keeps.
/// </summary>
internal static class CamaraBindings
{
    public static bool IsImeiBound(BindingRecord binding) => binding.State != LockState.Disabled && binding.Rules is not { AnyDevice: true };

    public static bool IsAreaLimited(BindingRecord binding) => binding.State != LockState.Disabled && binding.Rules?.Regions is not null;

    /// <summary>The device a bound SIM is locked to: the paired one, else the single device its rules name; empty when not known yet (ARMED).</summary>
    public static Imei BoundDevice(BindingRecord binding)
    {
        if (!binding.BoundImei.IsEmpty)
        {
            return binding.BoundImei;
        }

        var devices = binding.Rules?.Devices.Take(2).ToArray() ?? [];
        return devices.Length == 1 ? devices[0] : default;
    }

    /// <summary>New rules from <paramref name="rules"/>: its policy always, its device lists when kept, the regions and any-device flag given. Null when nothing remains.</summary>
    public static DeviceRules? Rebuild(DeviceRules? rules, bool keepDevices, RegionRules? regions, bool anyDevice)
    {
        var devices = keepDevices && rules is not null ? rules.Devices : [];
        var tacs = keepDevices && rules is not null ? rules.Tacs : [];
        var prefixes = keepDevices && rules is not null ? rules.Prefixes : [];
        var policy = rules?.Policy;
        var built = new DeviceRules(devices, tacs, prefixes, policy, regions, anyDevice);
        return built.ConstrainsDevice || policy is not null || built.Regions is not null ? built : null;
    }
}
