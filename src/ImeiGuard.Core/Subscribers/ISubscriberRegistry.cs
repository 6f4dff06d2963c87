namespace ImeiGuard.Core.Subscribers;

/// <summary>Persistence of registered subscribers (inventory).</summary>
public interface ISubscriberRegistry
{
    IReadOnlyList<RegisteredSubscriber> LoadAll();

    void Upsert(RegisteredSubscriber subscriber);

    /// <summary>Inserts or replaces every subscriber, all or nothing. Stores that can, do it in one transaction.</summary>
    void UpsertAll(IReadOnlyList<RegisteredSubscriber> subscribers)
    {
        foreach (var subscriber in subscribers)
        {
            Upsert(subscriber);
        }
    }
}

/// <summary>
/// A SIM's identifiers as registered by an admin. Packed values as in the Identifiers types.
/// <paramref name="Tenant"/> is the enterprise that owns the SIM; null means the operator's own.
/// <paramref name="Labels"/> are free-form tags of the inventory (not loaded into memory, not used by decisions).
/// </summary>
public sealed record RegisteredSubscriber(ulong ImsiPacked, ulong MsisdnPacked, string? Iccid, string? Tenant = null, IReadOnlyList<string>? Labels = null);
