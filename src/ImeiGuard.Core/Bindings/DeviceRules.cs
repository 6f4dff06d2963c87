using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// A SIM's explicit rules (the control plane's rules object): allowed IMEIs (one or a pool), allowed TACs (device models) and
/// allowed IMEI prefixes, optional region rules, plus an optional policy override. All compare the 14 TAC+SNR digits, so the
/// software version and check digit never matter. <see cref="AnyDevice"/> allows every device, for a SIM restricted to a
/// region but not locked to a device (a CAMARA AREALIMIT without IMEIBIND). Immutable; a SIM without rules holds a null
/// reference and pays nothing. Lookups are allocation-free (sorted arrays, binary search).
/// </summary>
public sealed class DeviceRules
{
    private static readonly ulong[] Pow10 = BuildPow10();

    private readonly ulong[] _devices;
    private readonly uint[] _tacs;
    private readonly (ulong Value, ulong Divisor)[] _prefixes;

    public DeviceRules(
        IEnumerable<Imei> devices, IEnumerable<uint> tacs, IEnumerable<ImeiPrefix> prefixes, PolicyOverride? policy = null, RegionRules? regions = null, bool anyDevice = false)
    {
        AnyDevice = anyDevice;
        Regions = regions is { IsEmpty: false } ? regions : null;
        _devices = [.. devices.Where(static d => !d.IsEmpty).Select(static d => d.Value).Distinct().Order()];
        _tacs = [.. tacs.Distinct().Order()];
        ImeiPrefix[] sorted = [.. prefixes.Distinct().OrderBy(static p => p.Digits).ThenBy(static p => p.Value)];
        Prefixes = sorted;
        _prefixes = [.. sorted.Select(static p => (p.Value, Pow10[Imei.IdentityDigits - p.Digits]))];
        Policy = policy;
    }

    /// <summary>
    /// True when the rules decide which devices are allowed (lists, or <see cref="AnyDevice"/>); false for a policy-only
    /// override, where the first IMEI seen is still the one allowed.
    /// </summary>
    public bool ConstrainsDevice => AnyDevice || _devices.Length > 0 || _tacs.Length > 0 || _prefixes.Length > 0;

    /// <summary>Every device is allowed: only the region (and the missing-IMEI policy) can cause a violation.</summary>
    public bool AnyDevice { get; }

    public PolicyOverride? Policy { get; }

    /// <summary>Region rules, null when none (the common case: the location is then never examined).</summary>
    public RegionRules? Regions { get; }

    public IEnumerable<Imei> Devices => _devices.Select(Imei.FromValue);

    public IReadOnlyList<uint> Tacs => _tacs;

    public IReadOnlyList<ImeiPrefix> Prefixes { get; }

    /// <summary>True when the device matches an IMEI, a TAC or a prefix. Never call with an empty IMEI.</summary>
    public bool Allows(Imei device)
    {
        var value = device.Value;
        if (AnyDevice || Array.BinarySearch(_devices, value) >= 0 || Array.BinarySearch(_tacs, device.Tac) >= 0)
        {
            return true;
        }

        foreach (var (prefix, divisor) in _prefixes)
        {
            if (value / divisor == prefix)
            {
                return true;
            }
        }

        return false;
    }

    private static ulong[] BuildPow10()
    {
        var table = new ulong[Imei.IdentityDigits + 1];
        table[0] = 1;
        for (var i = 1; i < table.Length; i++)
        {
            table[i] = table[i - 1] * 10;
        }

        return table;
    }
}

/// <summary>The first 1..14 identity digits of an IMEI (a TAC is the 8-digit case).</summary>
public readonly record struct ImeiPrefix(ulong Value, int Digits)
{
    /// <summary>Parses 1..14 decimal digits. Longer input (a full IMEI or IMEISV) is cut to the 14 identity digits.</summary>
    public static bool TryParse(string? text, out ImeiPrefix prefix)
    {
        prefix = default;
        if (string.IsNullOrEmpty(text) || text.Length > 16)
        {
            return false;
        }

        var digits = Math.Min(text.Length, Imei.IdentityDigits);
        ulong value = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            if (i < digits)
            {
                value = (value * 10) + (ulong)(text[i] - '0');
            }
        }

        prefix = new ImeiPrefix(value, digits);
        return true;
    }

    public override string ToString() => Value.ToString("D" + Digits.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
