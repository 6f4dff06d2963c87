using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ImeiGuard.Core.Bindings;

namespace ImeiGuard.Core.Camara;

/// <summary>
/// Writes CAMARA notifications as CloudEvents 1.0 in the structured JSON mode (media type
/// application/cloudevents+json): specversion, id, source, type, time and datacontenttype application/json around
/// the event's data. Each is written once, when the event is queued, so every retry sends the same id and time.
/// </summary>
public sealed class CloudEventWriter(string source, TimeProvider time)
{
    public const string MediaType = "application/cloudevents+json";

    /// <summary>The CloudEvents <c>source</c> of every event (ImeiGuard:Camara:Notifications:EventSource).</summary>
    public string Source => source;

    /// <summary>imei-change: the SIM is now in device <paramref name="imei"/> (formatted as the CAMARA examples).</summary>
    public PendingEvent ImeiChange(string subscriptionId, string imei, string? deviceJson, DateTimeOffset at) =>
        Create(CamaraEventTypes.ImeiChange, at, counted: true, w =>
        {
            w.WriteString("subscriptionId", subscriptionId);
            w.WriteString("imei", imei);
            WriteDevice(w, deviceJson);
        });

    /// <summary>
    /// area-change: the SIM was seen outside its restricted area. <c>area</c> is that area when it is a CIRCLE;
    /// a PLMN/TAC restriction has no CAMARA area form, so the member is left out (docs/camara.md).
    /// </summary>
    public PendingEvent AreaChange(string subscriptionId, GeoCircle? area, string? deviceJson, DateTimeOffset at) =>
        Create(CamaraEventTypes.AreaChange, at, counted: true, w =>
        {
            w.WriteString("subscriptionId", subscriptionId);
            if (area is { } circle)
            {
                w.WriteStartObject("area");
                w.WriteString("areaType", "CIRCLE");
                w.WriteStartObject("center");
                w.WriteNumber("latitude", circle.Center.Latitude);
                w.WriteNumber("longitude", circle.Center.Longitude);
                w.WriteEndObject();
                w.WriteNumber("radius", (int)Math.Round(circle.RadiusM));
                w.WriteEndObject();
            }

            WriteDevice(w, deviceJson);
        });

    public PendingEvent Started(string subscriptionId) =>
        Create(CamaraEventTypes.SubscriptionStarted, time.GetUtcNow(), counted: false, w =>
        {
            w.WriteString("initiationReason", "SUBSCRIPTION_CREATED");
            w.WriteString("subscriptionId", subscriptionId);
        });

    public PendingEvent Ended(string subscriptionId, string terminationReason, string description) =>
        Create(CamaraEventTypes.SubscriptionEnded, time.GetUtcNow(), counted: false, w =>
        {
            w.WriteString("terminationReason", terminationReason);
            w.WriteString("subscriptionId", subscriptionId);
            w.WriteString("terminationDescription", description);
        });

    /// <summary>RFC 3339 in UTC with milliseconds and "Z", as the CAMARA date-time recommendation shows.</summary>
    public static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private PendingEvent Create(string type, DateTimeOffset at, bool counted, Action<Utf8JsonWriter> data)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow()).ToString();
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("specversion", "1.0");
            w.WriteString("id", id);
            w.WriteString("source", source);
            w.WriteString("type", type);
            w.WriteString("time", FormatTime(at));
            w.WriteString("datacontenttype", "application/json");
            w.WriteStartObject("data");
            data(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new PendingEvent(id, type, Encoding.UTF8.GetString(buffer.WrittenSpan), counted);
    }

    private static void WriteDevice(Utf8JsonWriter w, string? deviceJson)
    {
        if (deviceJson is not null)
        {
            w.WritePropertyName("device");
            w.WriteRawValue(deviceJson);
        }
    }
}
