namespace ImeiGuard.Core.Subscribers;

/// <summary>Persistence of registered subscribers (inventory).</summary>
public interface ISubscriberRegistry
{
    IReadOnlyList<RegisteredSubscriber> LoadAll();

    void Upsert(RegisteredSubscriber subscriber);
}

/// <summary>A SIM's identifiers as registered by an admin. Packed values as in the Identifiers types.</summary>
public sealed record RegisteredSubscriber(ulong ImsiPacked, ulong MsisdnPacked, string? Iccid);
