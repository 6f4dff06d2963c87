using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Subscribers;

namespace ImeiGuard.Benchmarks.Support;

/// <summary>A <see cref="BindingEnforcer"/> loaded from a <see cref="GeneratedBindingStore"/>, as the daemon builds it at start-up.</summary>
public static class BenchEnforcer
{
    public static BindingEnforcer Create(int subscribers, int lockedPercent = 100)
    {
        var enforcer = new BindingEnforcer(new GeneratedBindingStore(subscribers, lockedPercent), new SubscriberDirectory(EmptyRegistry.Instance), TimeProvider.System);
        enforcer.Load();
        return enforcer;
    }

    /// <summary>No registered subscribers.</summary>
    internal sealed class EmptyRegistry : ISubscriberRegistry
    {
        public static readonly EmptyRegistry Instance = new();

        public IReadOnlyList<RegisteredSubscriber> LoadAll() => [];

        public void Upsert(RegisteredSubscriber subscriber)
        {
        }
    }
}
