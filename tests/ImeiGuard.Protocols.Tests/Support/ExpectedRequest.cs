using System.Globalization;
using System.Text.Json;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Protocols.Tests.Support;

/// <summary>
/// Compares a parsed <see cref="AccountingRequest"/> with a corpus expectation record, field by field, and
/// reports every mismatch at once.
/// </summary>
internal sealed class ExpectedRequest
{
    private readonly JsonElement _record;
    private readonly List<string> _mismatches = [];

    public ExpectedRequest(JsonElement record) => _record = record;

    /// <summary>Asserts the fields shared by the peer and synthetic records.</summary>
    public static void AssertFields(JsonElement record, scoped in AccountingRequest request)
    {
        var check = new ExpectedRequest(record);
        check.CompareCommon(request);
        check.CompareLocation(request);
        check.AssertNoMismatch();
    }

    /// <summary>Asserts the synthetic-only fields: <c>imsi_source</c> and <c>pei</c>.</summary>
    public static void AssertSyntheticFields(JsonElement record, scoped in AccountingRequest request)
    {
        var check = new ExpectedRequest(record);
        check.ComparePei(request);
        check.AssertNoMismatch();
    }

    private void CompareCommon(scoped in AccountingRequest r)
    {
        Check("code", Json.Number(_record, "code"), r.Code);
        Check("identifier", Json.Number(_record, "identifier"), r.Identifier);
        Check("length", Json.Number(_record, "length"), r.Length);
        Check("acct_status_type", Json.Number(_record, "acct_status_type"), r.HasStatusType ? (long)r.StatusType : null);
        Check("user_name", Json.String(_record, "user_name"), Format.Text(r.UserName));
        Check("calling_station_id", Json.String(_record, "calling_station_id"), Format.Text(r.CallingStationId));
        Check("called_station_id", Json.String(_record, "called_station_id"), Format.Text(r.CalledStationId));
        Check("nas_identifier", Json.String(_record, "nas_identifier"), Format.Text(r.NasIdentifier));
        Check("acct_session_id", Json.String(_record, "acct_session_id"), Format.Text(r.AcctSessionId));
        Check("nas_ip", Json.String(_record, "nas_ip"), Format.Ipv4(r.NasIpAddress, r.HasNasIpAddress));
        Check("framed_ip", Json.String(_record, "framed_ip"), Format.Ipv4(r.FramedIpAddress, r.HasFramedIpAddress));
        Check("framed_ipv6_prefix", Json.String(_record, "framed_ipv6_prefix"), Format.Ipv6Prefix(r.FramedIpv6Prefix));
        Check("event_timestamp", Json.Number(_record, "event_timestamp"), r.HasEventTimestamp ? r.EventTimestamp : null);
        Check("imsi", Json.String(_record, "imsi"), Format.Imsi(r.Imsi));
        Check("imsi_mcc_mnc", Json.String(_record, "imsi_mcc_mnc"), Format.PlmnDigits(r.ImsiMccMnc));
        Check("sgsn_mcc_mnc", Json.String(_record, "sgsn_mcc_mnc"), Format.PlmnDigits(r.SgsnMccMnc));
        Check("rat_type", Json.Number(_record, "rat_type"), r.HasRatType ? r.RatType : null);
        Check("ms_timezone", Json.String(_record, "ms_timezone"), r.HasMsTimeZone ? r.MsTimeZone.ToString("x4", CultureInfo.InvariantCulture) : null);
        Check("has_message_authenticator", Json.Boolean(_record, "has_message_authenticator"), r.HasMessageAuthenticator);
        Check("imeisv_hex", Json.String(_record, "imeisv_hex"), Format.Hex(r.ImeisvRaw));
        Check("uli_hex", Json.String(_record, "uli_hex"), Format.Hex(r.UserLocationInfoRaw));
        Check("value_error", RadiusParseError.None, r.ValueError);

        var digits = Format.PeiDigits(r.Pei);
        var isImeisv = r.Pei.Kind == PeiKind.Imeisv16;
        Check("imeisv", Json.String(_record, "imeisv"), isImeisv ? digits : null);
        Check("imei", Json.String(_record, "imei"), isImeisv ? null : digits);
    }

    private void CompareLocation(scoped in AccountingRequest r)
    {
        var location = r.Location;
        Check("uli_type", Json.Number(_record, "uli_type"), location.IsPresent ? (long)location.Type : null);
        if (Json.Object(_record, "location") is not { } expected)
        {
            // Type 138 is listed in raw_only: only the type (and its PLMN) may be decoded, nothing else.
            Check("location.tac", false, location.HasTac);
            Check("location.lac", false, location.HasLac);
            Check("location.cell_kind", CellIdKind.None, location.CellKind);
            return;
        }

        Check("location.mcc", Json.String(expected, "mcc"), location.Plmn.MccText);
        Check("location.mnc", Json.String(expected, "mnc"), location.Plmn.MncText);
        Check("location.cell_mcc", Json.String(expected, "cell_mcc") ?? Json.String(expected, "mcc"), location.CellPlmn.MccText);
        Check("location.cell_mnc", Json.String(expected, "cell_mnc") ?? Json.String(expected, "mnc"), location.CellPlmn.MncText);
        Check("location.lac", Json.Number(expected, "lac"), location.HasLac ? location.Lac : null);
        Check("location.tac", Json.Number(expected, "tac"), location.HasTac ? location.Tac : null);
        Check("location.sac", Json.Number(expected, "sac"), location.CellKind == CellIdKind.Sac ? location.Sac : null);
        Check("location.rac", Json.Number(expected, "rac"), location.Type == UliType.Rai ? location.Rac : null);
        Check("location.ci", Json.Number(expected, "ci"), location.CellKind == CellIdKind.Ci ? (long)location.CellId : null);
        Check("location.eci", Json.Number(expected, "eci"), location.CellKind == CellIdKind.Eci ? (long)location.CellId : null);
        Check("location.nci", Json.Number(expected, "nci"), location.CellKind == CellIdKind.Nci ? (long)location.CellId : null);

        var raw = r.UserLocationInfoRaw;
        if (Json.Number(expected, "rac_field") is { } racField)
        {
            Check("location.rac_field", racField, (raw[6] << 8) | raw[7]);
        }

        if (Json.String(expected, "ncgi_hex") is { } ncgiHex)
        {
            Check("location.ncgi_hex", ncgiHex, Format.Hex(raw[^5..]));
        }

        if (Json.Number(expected, "nci_spare_first") is { } spareFirst)
        {
            var options = new RadiusParserOptions { NcgiLayout = NcgiLayout.SpareFirst };
            _ = UserLocationDecoder.TryDecode(raw, options.NcgiLayout, options.ExtendedENodeBFlag, out var other);
            Check("location.nci_spare_first", spareFirst, (long)other.CellId);
        }
    }

    private void ComparePei(scoped in AccountingRequest r)
    {
        var source = r.ImsiSource switch
        {
            ImsiSource.ThreeGppImsi => "3gpp_imsi",
            ImsiSource.UserName => "user_name",
            ImsiSource.UserNameNai => "user_name_nai",
            _ => null,
        };
        Check("imsi_source", Json.String(_record, "imsi_source"), source);
        if (Json.Object(_record, "pei") is not { } pei)
        {
            Check("pei", true, r.Pei.IsEmpty);
            return;
        }

        Check("pei.kind", Json.String(pei, "kind"), r.Pei.Kind == PeiKind.Imeisv16 ? "imeisv" : "imei");
        Check("pei.digits", Json.String(pei, "digits"), Format.PeiDigits(r.Pei));
        Check("pei.tac", Json.String(pei, "tac"), r.Pei.Device.Tac.ToString("D8", CultureInfo.InvariantCulture));
        Check("pei.wire_form", Json.String(pei, "wire_form"), r.Pei.WireForm.ToString().ToLowerInvariant());
        Check("pei.luhn_ok", Json.Boolean(pei, "luhn_ok"), r.Pei.LuhnOk);
    }

    private void Check<T>(string field, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            _mismatches.Add($"{field}: expected <{expected}>, got <{actual}>");
        }
    }

    private void Check(string field, long? expected, long? actual) => Check<long?>(field, expected, actual);

    private void AssertNoMismatch() =>
        Assert.True(_mismatches.Count == 0, $"index {Json.Number(_record, "index")}: " + string.Join("; ", _mismatches));
}
