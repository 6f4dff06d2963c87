using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Tests.Bindings;

public sealed class SightingCodecTests
{
    [Fact]
    public void EncodeRead_FullSighting_RoundTrips()
    {
        Assert.True(Imei.TryParse("35349006987330"u8, out var imei));
        var sighting = new Sighting
        {
            AtUnixMs = 1_724_568_230_000,
            Imei = imei,
            NasIp = 0xC0000219,
            Location = new UserLocation
            {
                IsPresent = true,
                Type = UliType.FiveGsTaiNcgi,
                Plmn = new PlmnId(310, 410, 3),
                CellPlmn = new PlmnId(262, 1, 2),
                Tac = 0x00A1B2,
                HasTac = true,
                CellId = 0x012345678,
                CellKind = CellIdKind.Nci,
            },
        };

        var read = SightingCodec.Read(SightingCodec.Encode(sighting));

        Assert.Equal(sighting, read);
    }

    [Fact]
    public void Read_EmptyOrUnknownVersion_GivesNoSighting()
    {
        Assert.False(SightingCodec.Read(SightingCodec.Encode(default)).IsPresent);
        Assert.False(SightingCodec.Read(new byte[SightingCodec.Size]).IsPresent);
        Assert.False(SightingCodec.Read([1, 2, 3]).IsPresent);
    }
}
