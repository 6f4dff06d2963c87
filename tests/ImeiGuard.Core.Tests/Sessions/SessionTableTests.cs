using ImeiGuard.Core.Sessions;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Tests.Sessions;

public sealed class SessionTableTests
{
    private static readonly Imsi Sim = Imsi.TryParse("262017745956507"u8, out var i) ? i : default;
    private static readonly ulong NasA = SessionKey.NasKeyOf(0xC0000219, default, "a");
    private static readonly ulong NasB = SessionKey.NasKeyOf(0, "smf-b-01"u8, "b");

    [Fact]
    public void StartInterimStop_TracksAndEndsSession()
    {
        var table = new SessionTable();
        var key = SessionKey.Of(NasA, "S-1"u8);

        Assert.True(table.Upsert(key, Sim, 0x64751C1C, 0xC0000219, 1));
        Assert.True(table.Upsert(key, Sim, 0x64751C1D, 0xC0000219, 2));
        Assert.Equal(1, table.Count);
        Assert.False(table.TryFindByFramedIp(0x64751C1C, out _));
        Assert.True(table.TryFindByFramedIp(0x64751C1D, out var session));
        Assert.Equal(Sim, session!.Imsi);
        Assert.Equal(1, session.StartedUnixMs);
        Assert.Equal(2, session.LastUpdateUnixMs);

        Assert.True(table.Remove(key));
        Assert.Equal(0, table.Count);
        Assert.False(table.TryFindByFramedIp(0x64751C1D, out _));
    }

    [Fact]
    public void RemoveNas_EndsOnlyThatNasSessions()
    {
        var table = new SessionTable();
        table.Upsert(SessionKey.Of(NasA, "S-1"u8), Sim, 1, 0xC0000219, 1);
        table.Upsert(SessionKey.Of(NasA, "S-2"u8), Sim, 2, 0xC0000219, 1);
        table.Upsert(SessionKey.Of(NasB, "S-1"u8), Sim, 3, 0, 1);

        Assert.Equal(2, table.RemoveNas(NasA));
        Assert.Equal(1, table.Count);
        Assert.True(table.TryFindByFramedIp(3, out _));
    }

    [Fact]
    public void Upsert_TableFull_RejectsNewSessionsButUpdatesKnownOnes()
    {
        var table = new SessionTable(capacity: 1);
        var first = SessionKey.Of(NasA, "S-1"u8);

        Assert.True(table.Upsert(first, Sim, 1, 0, 1));
        Assert.False(table.Upsert(SessionKey.Of(NasA, "S-2"u8), Sim, 2, 0, 1));
        Assert.True(table.Upsert(first, Sim, 1, 0, 2));
        Assert.Equal(1, table.Rejected);
    }

    [Fact]
    public void Upsert_TableFull_EvictsSessionsIdleLongerThanTheTimeout()
    {
        var evicted = 0;
        var table = new SessionTable(capacity: 2, idleTimeout: TimeSpan.FromMinutes(10), onEvicted: n => evicted += n);
        Assert.True(table.Upsert(SessionKey.Of(NasA, "S-old"u8), Sim, 1, 0, 0));
        Assert.True(table.Upsert(SessionKey.Of(NasA, "S-live"u8), Sim, 2, 0, 9 * 60_000));

        // Full at 11 min: S-old (last update at 0) is idle past 10 min and makes room; S-live is kept.
        Assert.True(table.Upsert(SessionKey.Of(NasA, "S-new"u8), Sim, 3, 0, 11 * 60_000));
        Assert.Equal(1, evicted);
        Assert.False(table.TryFindByFramedIp(1, out _));
        Assert.True(table.TryFindByFramedIp(2, out _));

        // Nothing idle: a new session is not tracked, and the table stays at its capacity.
        Assert.False(table.Upsert(SessionKey.Of(NasA, "S-more"u8), Sim, 4, 0, 12 * 60_000));
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void NasKeyOf_SameNasByAddressOrName_IsStable()
    {
        Assert.Equal(NasA, SessionKey.NasKeyOf(0xC0000219, "pgw-a-01"u8, "x"));
        Assert.NotEqual(NasB, SessionKey.NasKeyOf(0, "smf-b-02"u8, "b"));
    }
}
