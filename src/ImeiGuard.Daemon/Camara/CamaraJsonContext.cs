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
internal sealed partial class CamaraJsonContext : JsonSerializerContext;
