using System.Globalization;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Bindings;

/// <summary>Where an observation was made, relative to a SIM's region rules.</summary>
public enum RegionCheck : byte
{
    /// <summary>No region rule, or the location satisfies every rule set.</summary>
    Inside = 0,

    /// <summary>The location is known and breaks a rule.</summary>
    Outside = 1,

    /// <summary>A rule needs a value (PLMN, TAC/LAC) the record did not carry: a policy decides.</summary>
    Unknown = 2,
}

/// <summary>
/// A SIM's region rules: allowed serving PLMNs (MCC-MNC) and allowed area codes (TAC for E-UTRAN/NR, else
/// LAC) as single values or inclusive ranges. Each non-empty set must be satisfied. Immutable; lookups
/// are allocation-free.
/// </summary>
public sealed class RegionRules
{
    private readonly int[] _plmnKeys;
    private readonly (uint From, uint To)[] _areas;

    public RegionRules(IEnumerable<PlmnId> plmns, IEnumerable<(uint From, uint To)> areas, IEnumerable<GeoCircle>? circles = null)
    {
        Circles = [.. circles ?? []];
        Plmns = [.. plmns.Distinct().OrderBy(static p => p.Key)];
        _plmnKeys = [.. Plmns.Select(static p => p.Key)];
        _areas = [.. areas.Distinct().OrderBy(static a => a.From)];
    }

    public IReadOnlyList<PlmnId> Plmns { get; }

    public IReadOnlyList<(uint From, uint To)> Areas => _areas;

    /// <summary>True when no set is given (such an object is never stored).</summary>
    public bool IsEmpty => _plmnKeys.Length == 0 && _areas.Length == 0 && Circles.Length == 0;

    /// <summary>CIRCLE areas; the position comes from the operator's cell database (<see cref="CellDatabase"/>).</summary>
    public GeoCircle[] Circles { get; }

    /// <summary>True when a position is needed (the enforcer then looks the serving cell up).</summary>
    public bool NeedsPosition => Circles.Length > 0;

    /// <summary>Checks a location. The PLMN is the ULI's (else the cell's); the area is its TAC, else its LAC.</summary>
    public RegionCheck Check(in UserLocation location) => Check(location, false, default);

    /// <summary>
    /// As above, plus the CIRCLE areas when any is set: <paramref name="hasPosition"/> says whether the cell
    /// database knew the serving cell; an unknown cell is <see cref="RegionCheck.Unknown"/>, never a guess.
    /// </summary>
    public RegionCheck Check(in UserLocation location, bool hasPosition, GeoPoint position)
    {
        if (Circles.Length > 0)
        {
            if (!hasPosition)
            {
                return RegionCheck.Unknown;
            }

            var inside = false;
            foreach (var circle in Circles)
            {
                inside |= circle.Contains(position);
            }

            if (!inside)
            {
                return RegionCheck.Outside;
            }
        }

        if (_plmnKeys.Length > 0)
        {
            var plmn = location.Plmn.IsEmpty ? location.CellPlmn : location.Plmn;
            if (!location.IsPresent || plmn.IsEmpty)
            {
                return RegionCheck.Unknown;
            }

            if (Array.BinarySearch(_plmnKeys, plmn.Key) < 0)
            {
                return RegionCheck.Outside;
            }
        }

        if (_areas.Length > 0)
        {
            if (!location.IsPresent || !(location.HasTac || location.HasLac))
            {
                return RegionCheck.Unknown;
            }

            var area = location.AreaCode;
            foreach (var (from, to) in _areas)
            {
                if (area >= from && area <= to)
                {
                    return RegionCheck.Inside;
                }
            }

            return RegionCheck.Outside;
        }

        return RegionCheck.Inside;
    }

    /// <summary>Parses "41904" or "41900-41999" (decimal, inclusive).</summary>
    public static bool TryParseArea(string? text, out (uint From, uint To) area)
    {
        area = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var fromText = dash < 0 ? text : text[..dash];
        var toText = dash < 0 ? text : text[(dash + 1)..];
        if (!uint.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            || !uint.TryParse(toText, NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            || to < from || to > 0xFFFFFF)
        {
            return false;
        }

        area = (from, to);
        return true;
    }

    public static string FormatArea((uint From, uint To) area) => area.From == area.To
        ? area.From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{area.From}-{area.To}");
}
