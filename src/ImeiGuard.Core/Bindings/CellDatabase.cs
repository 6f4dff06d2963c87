using System.Globalization;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Bindings;

/// <summary>A WGS84 position in degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusM = 6_371_008.8;

    /// <summary>Great-circle (haversine) distance in metres.</summary>
    public double DistanceTo(GeoPoint other)
    {
        var dLat = double.DegreesToRadians(other.Latitude - Latitude);
        var dLon = double.DegreesToRadians(other.Longitude - Longitude);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(Latitude)) * Math.Cos(double.DegreesToRadians(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

/// <summary>A CAMARA CIRCLE area: centre and radius (1..200,000 m).</summary>
public readonly record struct GeoCircle(GeoPoint Center, double RadiusM)
{
    public const double MinRadiusM = 1, MaxRadiusM = 200_000;

    public bool Contains(GeoPoint point) => Center.DistanceTo(point) <= RadiusM;
}

/// <summary>
/// Cell positions imported from a CSV in the OpenCelliD column layout
/// (radio, mcc, net, area, cell, unit, lon, lat, range, …), keyed by MCC, MNC, area code (LAC/TAC) and
/// cell identity as the ULI carries them (CI, ECI or NCI). Immutable after loading; lookups allocate
/// nothing. A cell that is not in the database has no position: the unknown-location policy decides.
/// </summary>
public sealed class CellDatabase
{
    private readonly Dictionary<CellKey, GeoPoint> _cells;

    private CellDatabase(Dictionary<CellKey, GeoPoint> cells) => _cells = cells;

    public int Count => _cells.Count;

    /// <summary>Reads the CSV. A header line and malformed lines are skipped and counted.</summary>
    public static CellDatabase Load(TextReader reader, out int skipped)
    {
        var cells = new Dictionary<CellKey, GeoPoint>();
        skipped = 0;
        while (reader.ReadLine() is { } line)
        {
            if (TryParseLine(line, out var key, out var point))
            {
                cells[key] = point;
            }
            else if (line.Length > 0)
            {
                skipped++;
            }
        }

        return new CellDatabase(cells);
    }

    /// <summary>The serving cell's position, if the database knows it.</summary>
    public bool TryLocate(in UserLocation location, out GeoPoint point)
    {
        point = default;
        var plmn = location.CellPlmn.IsEmpty ? location.Plmn : location.CellPlmn;
        if (!location.IsPresent || plmn.IsEmpty || location.CellKind == CellIdKind.None)
        {
            return false;
        }

        return _cells.TryGetValue(new CellKey(plmn.Mcc, plmn.Mnc, location.AreaCode, location.CellId), out point);
    }

    private static bool TryParseLine(string line, out CellKey key, out GeoPoint point)
    {
        key = default;
        point = default;
        Span<Range> fields = stackalloc Range[10];
        var span = line.AsSpan();
        if (span.Split(fields, ',') < 8)
        {
            return false;
        }

        var inv = CultureInfo.InvariantCulture;
        if (!ushort.TryParse(span[fields[1]], NumberStyles.None, inv, out var mcc)
            || !ushort.TryParse(span[fields[2]], NumberStyles.None, inv, out var mnc)
            || !uint.TryParse(span[fields[3]], NumberStyles.None, inv, out var area)
            || !ulong.TryParse(span[fields[4]], NumberStyles.None, inv, out var cell)
            || !double.TryParse(span[fields[6]], NumberStyles.Float, inv, out var lon)
            || !double.TryParse(span[fields[7]], NumberStyles.Float, inv, out var lat)
            || lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            return false;
        }

        key = new CellKey(mcc, mnc, area, cell);
        point = new GeoPoint(lat, lon);
        return true;
    }

    private readonly record struct CellKey(ushort Mcc, ushort Mnc, uint Area, ulong Cell);
}
