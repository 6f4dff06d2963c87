using System.Text.Json.Serialization;
using ImeiGuard.Core.Enforcement;

namespace ImeiGuard.Redis;

/// <summary>
/// A command as a transition records it in the SIM's owed list (same slot as the binding, so the state and the
/// obligation commit together), until it is moved into the outbox. Moving is idempotent by
/// <see cref="IdempotencyKey"/>, so a crash between the two steps, or two instances relaying, never doubles it.
/// </summary>
internal sealed record OwedCommand(string CommandId, string Kind, ulong ImsiPacked, string IdempotencyKey, string Payload, long CreatedAtMs)
{
    public static OwedCommand From(OutboxEntry e) => new(e.CommandId, e.Kind, e.ImsiPacked, e.IdempotencyKey, e.Payload, e.CreatedAt.ToUnixTimeMilliseconds());
}

[JsonSerializable(typeof(OwedCommand))]
[JsonSerializable(typeof(OwedNotification))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
