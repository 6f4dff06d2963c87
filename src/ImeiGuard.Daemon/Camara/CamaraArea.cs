using System.Text.Json;
using ImeiGuard.Core.Bindings;

namespace ImeiGuard.Daemon.Camara;

/// <summary>The CAMARA <c>Area</c> (only <c>CIRCLE</c>): centre in WGS84 degrees, radius 1..200000 m as an integer.</summary>
internal static class CamaraArea
{
    public const string Circle = "CIRCLE";

    public static bool TryRead(JsonElement element, out GeoCircle circle)
    {
        circle = default;
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("areaType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != Circle
            || !element.TryGetProperty("center", out var center) || center.ValueKind != JsonValueKind.Object
            || !TryGetDouble(center, "latitude", out var latitude) || latitude is < -90 or > 90
            || !TryGetDouble(center, "longitude", out var longitude) || longitude is < -180 or > 180
            || !element.TryGetProperty("radius", out var radius) || radius.ValueKind != JsonValueKind.Number
            || !radius.TryGetInt32(out var metres) || metres is < (int)GeoCircle.MinRadiusM or > (int)GeoCircle.MaxRadiusM)
        {
            return false;
        }

        circle = new GeoCircle(new GeoPoint(latitude, longitude), metres);
        return true;
    }

    /// <summary>The answer form of a circle; the radius is whole metres, as the schema's integer.</summary>
    public static CircleView ToView(GeoCircle circle) =>
        new(Circle, new PointView(circle.Center.Latitude, circle.Center.Longitude), (int)Math.Round(circle.RadiusM));

    private static bool TryGetDouble(JsonElement parent, string name, out double value)
    {
        value = 0;
        return parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value);
    }
}
