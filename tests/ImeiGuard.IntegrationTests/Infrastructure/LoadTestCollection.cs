namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>
/// Floods and kill cycles run alone, after the other tests: on a two-core machine they would otherwise starve
/// the timing-bounded tests running beside them, and be starved in turn.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTestCollection
{
    public const string Name = "load";
}
