namespace ImeiGuard.Core.Subscribers;

/// <summary>Persistence of registered subscribers (inventory).</summary>
public interface ISubscriberRegistry
{
    IReadOnlyList<RegisteredSubscriber> LoadAll();

    void Upsert(RegisteredSubscriber subscriber);
}

/// <summary>
/// A SIM's identifiers as registered by an admin. Packed values as in the Identifiers types.
/// <paramref name="Tenant"/> is the enterprise that owns the SIM; null means the operator's own.
/// </summary>
public sealed record RegisteredSubscriber(ulong ImsiPacked, ulong MsisdnPacked, string? Iccid, string? Tenant = null);
