using System.Net;
using System.Text;
using System.Text.Json;
using ImeiGuard.Protocols.Chf;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>Compares a <see cref="ChargingDataRecord"/> with the <c>extracted</c> object of chf/expected.jsonl.</summary>
internal static class ChfExpectations
{
    public static void AssertMatches(JsonElement expected, in ChargingDataRecord record)
    {
        Assert.Equal(ChfSupiKind.Imsi, record.SupiKind);
        Assert.Equal(expected.GetProperty("imsi").GetString(), record.Imsi.ToString());

        AssertPei(expected, record);

        Assert.Equal(ChfGpsiKind.Msisdn, record.GpsiKind);
        Span<byte> digits = stackalloc byte[15];
        Assert.True(record.TryFormatMsisdn(digits, out var n));
        Assert.Equal(expected.GetProperty("msisdn").GetString(), Encoding.ASCII.GetString(digits[..n]));

        AssertLocation(expected, expected.GetProperty("location_kind").GetString(), record.Location);

        AssertIpv4(expected.GetProperty("ipv4"), record.HasUeIpv4, record.UeIpv4);
        AssertIpv6(expected.GetProperty("ipv6"), record.HasUeIpv6, record.UeIpv6);
        AssertOptionalInt(expected.GetProperty("ipv6_prefix_length"), record.HasUeIpv6PrefixLength, record.UeIpv6PrefixLength);

        Assert.Equal(expected.GetProperty("rat_type").GetString(), ChfRatTypes.WireName(record.RatType));
        Assert.True(record.HasChargingId);
        Assert.Equal(expected.GetProperty("charging_id").GetUInt32(), record.ChargingId);
        Assert.Equal(record.ChargingId, record.EffectiveChargingId);
        Assert.True(record.HasPduSessionId);
        Assert.Equal(expected.GetProperty("pdu_session_id").GetInt32(), record.PduSessionId);
        Assert.Equal(expected.GetProperty("home_plmn").GetString(), record.HomePlmn.ToString());
        Assert.Equal(expected.GetProperty("ue_time_zone").GetString(), record.UeTimeZone.ToString());
        Assert.True(record.HasNfConsumerIdentification);

        var used = expected.TryGetProperty("used_unit_locations", out var list) ? list.EnumerateArray().ToArray() : [];
        Assert.Equal(used.Length, record.UsedUnitLocationCount);
        Assert.Equal(0, record.UsedUnitLocationsDropped);
        for (var i = 0; i < used.Length; i++)
        {
            var kind = used[i].TryGetProperty("nci", out _) ? "nrLocation" : "eutraLocation";
            AssertLocation(used[i], kind, record.UsedUnitLocationSpan[i]);
        }
    }

    private static void AssertPei(JsonElement expected, in ChargingDataRecord record)
    {
        var imei = expected.GetProperty("imei").GetString();
        var imeisv = expected.GetProperty("imeisv").GetString();
        Assert.True(imei is null ^ imeisv is null);
        var digits = imei ?? imeisv!;
        Assert.Equal(digits[..14], record.Pei.Device.ToString());
        Assert.Equal(PeiWireForm.Text, record.Pei.WireForm);
        Assert.Equal(int.Parse(digits[14..], System.Globalization.CultureInfo.InvariantCulture), record.Pei.TrailingDigits);
        if (imei is not null)
        {
            Assert.Equal(ChfPeiForm.Imei, record.PeiForm);
            Assert.Equal(PeiKind.Imei15, record.Pei.Kind);
            Assert.Equal(Luhn(imei[..14]) == imei[14] - '0', record.Pei.LuhnOk);
        }
        else
        {
            Assert.Equal(ChfPeiForm.Imeisv, record.PeiForm);
            Assert.Equal(PeiKind.Imeisv16, record.Pei.Kind);
            Assert.Null(record.Pei.LuhnOk);
        }
    }

    private static void AssertLocation(JsonElement expected, string? kind, in UserLocation location)
    {
        Assert.True(location.IsPresent);
        Assert.True(location.HasTac);
        Assert.Equal(expected.GetProperty("mcc").GetString(), location.CellPlmn.MccText);
        Assert.Equal(expected.GetProperty("mnc").GetString(), location.CellPlmn.MncText);
        Assert.Equal(expected.GetProperty("tac").GetUInt32(), location.Tac);
        if (kind == "nrLocation")
        {
            Assert.Equal(UliType.FiveGsTaiNcgi, location.Type);
            Assert.Equal(CellIdKind.Nci, location.CellKind);
            Assert.Equal(expected.GetProperty("nci").GetUInt64(), location.CellId);
        }
        else
        {
            Assert.Equal("eutraLocation", kind);
            Assert.Equal(UliType.TaiEcgi, location.Type);
            Assert.Equal(CellIdKind.Eci, location.CellKind);
            Assert.Equal(expected.GetProperty("eci").GetUInt64(), location.CellId);
        }
    }

    private static void AssertIpv4(JsonElement expected, bool has, uint address)
    {
        Assert.Equal(expected.ValueKind != JsonValueKind.Null, has);
        if (has)
        {
            var text = $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}";
            Assert.Equal(expected.GetString(), text);
        }
    }

    private static void AssertIpv6(JsonElement expected, bool has, UInt128 address)
    {
        Assert.Equal(expected.ValueKind != JsonValueKind.Null, has);
        if (has)
        {
            Assert.Equal(IPAddress.Parse(expected.GetString()!), ToIpAddress(address));
        }
    }

    private static void AssertOptionalInt(JsonElement expected, bool has, int value)
    {
        Assert.Equal(expected.ValueKind != JsonValueKind.Null, has);
        if (has)
        {
            Assert.Equal(expected.GetInt32(), value);
        }
    }

    public static IPAddress ToIpAddress(UInt128 address)
    {
        var bytes = new byte[16];
        for (var i = 0; i < 16; i++)
        {
            bytes[i] = (byte)(address >> (8 * (15 - i)));
        }

        return new IPAddress(bytes);
    }

    /// <summary>An independent Luhn (TS 23.003 Annex B.2) over 14 digits, D1 being the last.</summary>
    private static int Luhn(string fourteen)
    {
        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            var d = fourteen[13 - i] - '0';
            if (i % 2 == 0)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return (10 - (sum % 10)) % 10;
    }
}
