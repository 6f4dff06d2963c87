using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImeiGuard.Daemon.Camara;

/// <summary>Source-generated JSON for the CAMARA bodies. Absent optional members are left out, as the specs' examples show.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorInfo))]
[JsonSerializable(typeof(BindResponse))]
[JsonSerializable(typeof(UnbindResponse))]
[JsonSerializable(typeof(QueryResponse))]
[JsonSerializable(typeof(DeviceBody))]
[JsonSerializable(typeof(SubscriptionView))]
[JsonSerializable(typeof(IReadOnlyList<SubscriptionView>))]
internal sealed partial class CamaraJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context to use: escaping only what JSON itself requires, so a phone number's '+' stays '+' rather than
    /// \u002B. The bodies are application/json (and CloudEvents), never embedded in HTML.
    /// </summary>
    public static CamaraJsonContext Relaxed { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
