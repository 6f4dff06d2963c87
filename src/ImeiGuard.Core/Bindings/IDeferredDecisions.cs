using System.Threading.Channels;
using ImeiGuard.Core.Ingest;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// What a <see cref="BindingEnforcer"/> that is only a near-cache of a shared store does with the
/// observations it cannot decide on its own: SIMs its table does not hold, and transitions the store could
/// not take. Both are copied and decided later (<see cref="DeferredObservation"/>), never with a blocking
/// round-trip on the caller's thread. The embedded store holds every binding and needs none of this.
/// </summary>
public interface IDeferredDecisions
{
    /// <summary>
    /// A SIM the table does not hold: <see cref="VerdictKind.NotEnforced"/> when it is known to have no binding
    /// (or the store is down and the policy is fail-open), <see cref="VerdictKind.Deferred"/> when the observation
    /// was taken to be decided once the binding is fetched.
    /// </summary>
    VerdictKind OnMiss(in Observation observation);

    /// <summary>The store was unavailable for a transition: true when the observation was kept to be decided again later.</summary>
    bool TryDeferUntilStoreReturns(in Observation observation);

    /// <summary>Deferred observations that can be decided now (their binding is in the table, or known absent).</summary>
    ChannelReader<DeferredObservation> Ready { get; }
}
