using System.Text.Json.Serialization;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Oss.Adapters;

namespace ImeiGuard.Oss;

/// <summary>Source-generated JSON: reading stored commands, writing TMF641 orders (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EnforcementCommand))]
[JsonSerializable(typeof(Tmf641ServiceOrder))]
internal sealed partial class OssJsonContext : JsonSerializerContext;
