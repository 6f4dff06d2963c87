using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Tests.Bindings;

public sealed class PackedSightingTests
{
    public static TheoryData<Sighting> Sightings()
    {
        Assert.True(PlmnId.TryParse("262-01", out var area));
        Assert.True(PlmnId.TryParse("310-410", out var cell));
        Assert.True(Imei.TryParse("86446103207724", out var imei));
        return
        [
            new Sighting(),
            new Sighting { AtUnixMs = 1_724_568_000_123, Imei = imei, NasIp = 0xC000020A },
            new Sighting
            {
                AtUnixMs = long.MaxValue,
                Imei = imei,
                NasIp = uint.MaxValue,
                Location = new UserLocation
                {
                    IsPresent = true, Type = UliType.TaiEcgi, Plmn = area, CellPlmn = cell, Tac = 0xFFFFFF, HasTac = true,
                    CellId = 0xF_FFFF_FFFF, CellKind = CellIdKind.Nci,
                },
            },
            new Sighting
            {
                AtUnixMs = 1,
                Location = new UserLocation
                {
                    IsPresent = true, Type = UliType.Sai, Plmn = area, CellPlmn = area, Lac = ushort.MaxValue, HasLac = true,
                    Sac = 0x1234, CellId = 0x1234, CellKind = CellIdKind.Sac, Rac = byte.MaxValue,
                },
            },
        ];
    }

    [Theory]
    [MemberData(nameof(Sightings))]
    public void ToSighting_AfterPacking_EqualsTheOriginal(Sighting sighting) =>
        Assert.Equal(sighting, new PackedSighting(sighting).ToSighting());

    [Fact]
    public void PackedSighting_Is48Bytes() =>
        Assert.Equal(48, System.Runtime.CompilerServices.Unsafe.SizeOf<PackedSighting>());
}
