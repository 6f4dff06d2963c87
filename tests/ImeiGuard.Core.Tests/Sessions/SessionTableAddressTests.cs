using ImeiGuard.Core.Tests.Support;
using System.Net;
using ImeiGuard.Core.Sessions;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Tests.Sessions;

/// <summary>Address lookups for the CAMARA device object: IPv6 prefixes, the session's device and location, the SIM's latest session.</summary>
public sealed class SessionTableAddressTests
{
    private static readonly Imsi Sim = Imsi.TryParse("262017745956507", out var i) ? i : default;
    private static readonly Imsi OtherSim = Imsi.TryParse("262017745956508", out var i) ? i : default;
    private static readonly Imei DeviceA = Imei.TryParse("864461032077249", out var d) ? d : default;
    private static readonly ulong Nas = SessionKey.NasKeyOf(0xC0000219, default, "a");

    [Fact]
    public void TryFindByIpv6_AddressInsideSlash64_FindsSessionAndForgetsItOnStop()
    {
        var table = new SessionTable();
        var key = SessionKey.Of(Nas, "S-1"u8);
        table.Upsert(key, new SessionUpdate { Imsi = Sim, Ipv6Prefix = V6("2001:db8:85a3:8d3::"), Ipv6PrefixLength = 64, AtUnixMs = 1 });

        Assert.True(table.TryFindByIpv6(V6("2001:db8:85a3:8d3:1319:8a2e:370:7344"), out var session));
        Assert.Equal(Sim, session!.Imsi);
        Assert.False(table.TryFindByIpv6(V6("2001:db8:85a3:8d4::1"), out _));

        table.Remove(key);
        Assert.False(table.TryFindByIpv6(V6("2001:db8:85a3:8d3:1319:8a2e:370:7344"), out _));
    }

    [Fact]
    public void TryFindByIpv6_LongestPrefixWins()
    {
        var table = new SessionTable();
        table.Upsert(SessionKey.Of(Nas, "S-1"u8), new SessionUpdate { Imsi = Sim, Ipv6Prefix = V6("2001:db8::"), Ipv6PrefixLength = 56, AtUnixMs = 1 });
        table.Upsert(SessionKey.Of(Nas, "S-2"u8), new SessionUpdate { Imsi = OtherSim, Ipv6Prefix = V6("2001:db8::7"), Ipv6PrefixLength = 128, AtUnixMs = 1 });

        Assert.True(table.TryFindByIpv6(V6("2001:db8::7"), out var exact));
        Assert.Equal(OtherSim, exact!.Imsi);
        Assert.True(table.TryFindByIpv6(V6("2001:db8:0:ff::1"), out var covered));
        Assert.Equal(Sim, covered!.Imsi);
    }

    [Fact]
    public void Upsert_RecordWithoutDeviceOrLocation_KeepsThePreviousOnes()
    {
        var table = new SessionTable();
        var key = SessionKey.Of(Nas, "S-1"u8);
        var location = new UserLocation { IsPresent = true, HasTac = true, Tac = 41904 };
        table.Upsert(key, new SessionUpdate { Imsi = Sim, FramedIp = 0x64751C1C, Device = DeviceA, Location = location, AtUnixMs = 1 });
        table.Upsert(key, new SessionUpdate { Imsi = Sim, FramedIp = 0x64751C1C, AtUnixMs = 2 });

        Assert.True(table.TryFindByFramedIp(0x64751C1C, out var session));
        var snapshot = session!.Snapshot();
        Assert.Equal(DeviceA, snapshot.Device);
        Assert.Equal(41904u, snapshot.Location.Tac);
        Assert.Equal(2, snapshot.AtUnixMs);
    }

    [Fact]
    public void FindLatest_SimWithTwoSessions_ReturnsTheMostRecentlyUpdated()
    {
        var table = new SessionTable();
        table.Upsert(SessionKey.Of(Nas, "S-1"u8), Sim, 1, 0, 10);
        table.Upsert(SessionKey.Of(Nas, "S-2"u8), Sim, 2, 0, 20);
        table.Upsert(SessionKey.Of(Nas, "S-3"u8), OtherSim, 3, 0, 30);

        Assert.Equal(2u, table.FindLatest(Sim)!.FramedIp);
        Assert.Null(table.FindLatest(Imsi.TryParse("262017745956509", out var unknown) ? unknown : default));
    }

    [Fact]
    public void Upsert_InterimOfKnownSession_AllocatesNothing()
    {
        var table = new SessionTable();
        var key = SessionKey.Of(Nas, "S-1"u8);
        var update = new SessionUpdate { Imsi = Sim, FramedIp = 0x64751C1C, Ipv6Prefix = V6("2001:db8::"), Ipv6PrefixLength = 64, Device = DeviceA, AtUnixMs = 1 };
        AllocationAssert.NothingPerCall(1000, i => table.Upsert(key, update with { AtUnixMs = 2 + i }));
    }

    private static UInt128 V6(string text)
    {
        Span<byte> bytes = stackalloc byte[16];
        Assert.True(IPAddress.Parse(text).TryWriteBytes(bytes, out _));
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
