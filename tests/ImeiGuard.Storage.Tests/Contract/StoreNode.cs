using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Core.Subscribers;

namespace ImeiGuard.Storage.Tests.Contract;

/// <summary>One instance on a store: its enforcer (loaded from the store at open) and the store's two sides.</summary>
public abstract class StoreNode : IDisposable
{
    protected StoreNode(IBindingStore store, IOutboxStore outbox, BindingPolicy? policy, ImeiGuardMetrics? metrics, int rebindLimit)
    {
        Store = store;
        Outbox = outbox;
        Directory = new SubscriberDirectory(new MemoryRegistry());
        Enforcer = new BindingEnforcer(store, Directory, TimeProvider.System, metrics, policy, rebindLimit, TimeSpan.FromDays(30));
        Enforcer.Load();
    }

    public IBindingStore Store { get; }

    public IOutboxStore Outbox { get; }

    public SubscriberDirectory Directory { get; }

    public BindingEnforcer Enforcer { get; }

    /// <summary>Writes commands straight into the outbox, as a transition would.</summary>
    public abstract void Insert(params OutboxEntry[] entries);

    public abstract void Dispose();

    /// <summary>Registered subscribers are not part of this contract; the nodes keep them in memory.</summary>
    internal sealed class MemoryRegistry : ISubscriberRegistry
    {
        public IReadOnlyList<RegisteredSubscriber> LoadAll() => [];

        public void Upsert(RegisteredSubscriber subscriber)
        {
        }
    }
}
