using ImeiGuard.Daemon.Ingest;

namespace ImeiGuard.IntegrationTests.Ingest;

/// <summary>What counts as a retransmission, for how long, and that the cache can be turned off.</summary>
public sealed class DuplicateRequestCacheTests
{
    private static readonly UInt128 Nas = ((UInt128)0xFFFF << 32) | 0x7F000015; // ::ffff:127.0.0.21

    [Fact]
    public void IsDuplicate_SameSourcePortIdentifierAndAuthenticator_WithinWindow()
    {
        var cache = new DuplicateRequestCache(1024, TimeSpan.FromSeconds(30));
        var packet = Packet(identifier: 7, authenticatorSeed: 1);

        Assert.False(cache.IsDuplicate(Nas, 40000, packet, nowMs: 1_000));
        Assert.True(cache.IsDuplicate(Nas, 40000, packet, nowMs: 2_000));
        Assert.True(cache.IsDuplicate(Nas, 40000, packet, nowMs: 31_000));
    }

    [Fact]
    public void IsDuplicate_AnyKeyPartDifferent_OrWindowPassed_IsNew()
    {
        var cache = new DuplicateRequestCache(1024, TimeSpan.FromSeconds(30));
        var packet = Packet(identifier: 7, authenticatorSeed: 1);
        Assert.False(cache.IsDuplicate(Nas, 40000, packet, nowMs: 1_000));

        Assert.False(cache.IsDuplicate(Nas, 40001, packet, nowMs: 1_001));                                  // other port
        Assert.False(cache.IsDuplicate(Nas + 1, 40000, packet, nowMs: 1_002));                              // other address
        Assert.False(cache.IsDuplicate(Nas, 40000, Packet(identifier: 8, authenticatorSeed: 1), nowMs: 1_003)); // other Identifier
        Assert.False(cache.IsDuplicate(Nas, 40000, Packet(identifier: 7, authenticatorSeed: 2), nowMs: 1_004)); // other authenticator
        Assert.False(cache.IsDuplicate(Nas, 40000, Packet(identifier: 9, authenticatorSeed: 3), nowMs: 1_005));
        Assert.False(cache.IsDuplicate(Nas, 40000, Packet(identifier: 9, authenticatorSeed: 3), nowMs: 40_000)); // window passed
    }

    [Fact]
    public void IsDuplicate_ZeroCapacityOrWindow_TurnsTheCacheOff()
    {
        var packet = Packet(identifier: 7, authenticatorSeed: 1);
        foreach (var cache in new[] { new DuplicateRequestCache(0, TimeSpan.FromSeconds(30)), new DuplicateRequestCache(1024, TimeSpan.Zero) })
        {
            Assert.Equal(0, cache.Capacity);
            Assert.False(cache.IsDuplicate(Nas, 40000, packet, nowMs: 1));
            Assert.False(cache.IsDuplicate(Nas, 40000, packet, nowMs: 2));
        }
    }

    /// <summary>A 20-octet header: code 4, the identifier, length 20, an authenticator derived from the seed.</summary>
    private static byte[] Packet(byte identifier, byte authenticatorSeed)
    {
        var packet = new byte[20];
        packet[0] = 4;
        packet[1] = identifier;
        packet[3] = 20;
        for (var i = 4; i < 20; i++)
        {
            packet[i] = (byte)(authenticatorSeed * i);
        }

        return packet;
    }
}
