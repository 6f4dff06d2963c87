using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// Listings across SIMs for the control plane (paged, optionally one tenant's SIMs only). Read from the
/// store; the decision path never calls them.
/// </summary>
public interface IBindingQueries
{
    /// <summary>SIMs with a binding record, in IMSI order; with <paramref name="state"/>, only those in that state.</summary>
    (IReadOnlyList<Imsi> Items, long Total) ListBindings(LockState? state, string? tenant, int page, int size);

    /// <summary>History events of every SIM, newest first; with <paramref name="kinds"/>, only those kinds.</summary>
    (IReadOnlyList<SimEvent> Items, long Total) ListEvents(IReadOnlyList<string>? kinds, string? tenant, int page, int size);
}

/// <summary>A history event with the SIM it belongs to.</summary>
public sealed record SimEvent(Imsi Imsi, BindingEvent Event);
