using System.Text.Json.Serialization;
using ImeiGuard.Core.Enforcement;

namespace ImeiGuard.Core;

/// <summary>Source-generated JSON for the payloads Core writes (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EnforcementCommand))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
