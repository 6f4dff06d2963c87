using ImeiGuard.Core.Subscribers;

namespace ImeiGuard.Core.Tests.Support;

/// <summary>A subscriber registry that persists nothing: the directory's aliases and tenants live in memory only.</summary>
internal sealed class NullRegistry : ISubscriberRegistry
{
    public IReadOnlyList<RegisteredSubscriber> LoadAll() => [];

    public void Upsert(RegisteredSubscriber subscriber)
    {
    }
}
