using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Subscribers;

/// <summary>Reads of the registered SIMs with everything stored about them (labels included), for the inventory API.</summary>
public interface ISubscriberInventory
{
    RegisteredSubscriber? Find(Imsi imsi);

    /// <summary>A page in IMSI order; with <paramref name="tenant"/>, only that tenant's SIMs.</summary>
    (IReadOnlyList<RegisteredSubscriber> Items, long Total) List(int page, int size, string? tenant);
}
