using ImeiGuard.Core.Subscribers;

namespace ImeiGuard.Core.Tests.Subscribers;

/// <summary>The learned-pairing map stays within its capacity and evicts what was not used for a generation.</summary>
public sealed class LearnedIdentifierMapTests
{
    [Fact]
    public void Set_ManyMoreKeysThanCapacity_StaysBoundedAndCountsEvictions()
    {
        var evicted = 0;
        var map = new LearnedIdentifierMap(capacity: 100, onEvicted: n => evicted += n);
        for (ulong key = 0; key < 10_000; key++)
        {
            map.Set(key, key + 1);
            Assert.True(map.Count <= map.Capacity);
        }

        Assert.Equal(10_000 - map.Count, evicted);
        Assert.True(map.TryGet(9_999, out var value));
        Assert.Equal(10_000ul, value);
        Assert.False(map.TryGet(0, out _));
    }

    [Fact]
    public void TryGet_KeyInUse_SurvivesRotations()
    {
        var map = new LearnedIdentifierMap(capacity: 10);
        map.Set(42, 7);
        for (ulong key = 100; key < 200; key++)
        {
            map.Set(key, key);
            Assert.True(map.TryGet(42, out var value));
            Assert.Equal(7ul, value);
        }
    }
}
