using System.Text.Json;

namespace ImeiGuard.Protocols.Tests.Support;

/// <summary>Null-tolerant accessors for expectation records.</summary>
internal static class Json
{
    public static bool IsNull(JsonElement record, string name) =>
        !record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;

    public static string? String(JsonElement record, string name) =>
        IsNull(record, name) ? null : record.GetProperty(name).GetString();

    public static long? Number(JsonElement record, string name) =>
        IsNull(record, name) ? null : record.GetProperty(name).GetInt64();

    public static bool? Boolean(JsonElement record, string name) =>
        IsNull(record, name) ? null : record.GetProperty(name).GetBoolean();

    public static JsonElement? Object(JsonElement record, string name) =>
        IsNull(record, name) ? null : record.GetProperty(name);
}
