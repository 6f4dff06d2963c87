using System.Buffers.Binary;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Protocols.Radius;

public static partial class AccountingRequestParser
{
    private const int VendorIdLength = 4;
    private const int RatTypeLength = 1;
    private const int MsTimeZoneLength = 2;

    /// <summary>
    /// RFC 2865 §5.26 Vendor-Specific: Vendor-Id(4) then data; attribute Length at least 7, so at least one
    /// octet of data. For 3GPP (TS 29.061 §16.4.7) the data is VendorType(1) VendorLength(1, at least 2) Value,
    /// repeated until the attribute is used up; several sub-attributes may share one Vendor-Specific attribute.
    /// Returns the most fundamental framing error of this attribute (or None); value errors go to the request.
    /// </summary>
    private static RadiusParseError ReadVendorSpecific(
        ReadOnlySpan<byte> value,
        in RadiusParserOptions options,
        ref AccountingRequest request,
        ref ParseState state)
    {
        if (value.Length <= VendorIdLength)
        {
            return RadiusParseError.VsaTooShort;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(value) != ThreeGppVendorTypes.VendorId)
        {
            return RadiusParseError.None;
        }

        var rest = value[VendorIdLength..];
        while (!rest.IsEmpty)
        {
            if (rest.Length < 2)
            {
                return RadiusParseError.VsaSublengthOverrun;
            }

            int length = rest[1];
            if (length < 2)
            {
                return RadiusParseError.VsaSublengthInvalid;
            }

            if (length > rest.Length)
            {
                return RadiusParseError.VsaSublengthOverrun;
            }

            ReadThreeGppAttribute(rest[0], rest.Slice(2, length - 2), options, ref request, ref state);
            rest = rest[length..];
        }

        return RadiusParseError.None;
    }

    /// <summary>
    /// 3GPP sub-attributes (TS 29.061 §16.4.7.2, encodings as in protocols.md B.1). The first occurrence wins.
    /// </summary>
    private static void ReadThreeGppAttribute(
        byte vendorType,
        ReadOnlySpan<byte> value,
        in RadiusParserOptions options,
        ref AccountingRequest request,
        ref ParseState state)
    {
        switch (vendorType)
        {
            case ThreeGppVendorTypes.Imsi:
                ReadImsi(value, ref request, ref state);
                break;
            case ThreeGppVendorTypes.ImsiMccMnc:
                ReadPlmnDigitsOnce(value, ref request, ref request.ImsiMccMnc);
                break;
            case ThreeGppVendorTypes.SgsnMccMnc:
                ReadPlmnDigitsOnce(value, ref request, ref request.SgsnMccMnc);
                break;
            case ThreeGppVendorTypes.Imeisv:
                ReadImeisv(value, ref request);
                break;
            case ThreeGppVendorTypes.RatType:
                if (request.HasRatType)
                {
                    break;
                }

                if (value.Length != RatTypeLength)
                {
                    FlagValue(ref request, RadiusParseError.AttributeValueLengthInvalid);
                    break;
                }

                request.RatType = value[0];
                request.HasRatType = true;
                break;
            case ThreeGppVendorTypes.UserLocationInfo:
                ReadUserLocation(value, options, ref request);
                break;
            case ThreeGppVendorTypes.MsTimeZone:
                if (request.HasMsTimeZone)
                {
                    break;
                }

                if (value.Length != MsTimeZoneLength)
                {
                    FlagValue(ref request, RadiusParseError.AttributeValueLengthInvalid);
                    break;
                }

                request.MsTimeZone = BinaryPrimitives.ReadUInt16BigEndian(value);
                request.HasMsTimeZone = true;
                break;
            default:
                break;
        }
    }

    /// <summary>3GPP-IMSI: UTF-8 decimal digits, at most 15 (TS 23.003 §2.2). Length is checked before content.</summary>
    private static void ReadImsi(ReadOnlySpan<byte> value, ref AccountingRequest request, ref ParseState state)
    {
        if (state.SawImsiAttribute)
        {
            return;
        }

        state.SawImsiAttribute = true;
        if (value.Length > Imsi.MaxLength)
        {
            FlagValue(ref request, RadiusParseError.ImsiTooLong);
            return;
        }

        if (value.Length < Imsi.MinLength)
        {
            FlagValue(ref request, RadiusParseError.ImsiTooShort);
            return;
        }

        if (!Imsi.TryParse(value, out var imsi))
        {
            FlagValue(ref request, RadiusParseError.ImsiInvalidDigits);
            return;
        }

        request.Imsi = imsi;
        request.ImsiSource = ImsiSource.ThreeGppImsi;
    }

    /// <summary>
    /// 3GPP-IMSI-MCC-MNC and 3GPP-SGSN-MCC-MNC: 5 or 6 UTF-8 digits, MCC then MNC. Another length is a value
    /// error. Non-digits of the right length have no reason code of their own; the value is left empty.
    /// </summary>
    private static void ReadPlmnDigitsOnce(ReadOnlySpan<byte> value, ref AccountingRequest request, ref PlmnId field)
    {
        if (!field.IsEmpty)
        {
            return;
        }

        if (value.Length is not (5 or 6))
        {
            FlagValue(ref request, RadiusParseError.AttributeValueLengthInvalid);
            return;
        }

        _ = PlmnId.TryParseDigits(value, out field);
    }

    private static void ReadImeisv(ReadOnlySpan<byte> value, ref AccountingRequest request)
    {
        if (!request.ImeisvRaw.IsEmpty || !request.Pei.IsEmpty)
        {
            return;
        }

        request.ImeisvRaw = value;
        var error = ImeisvDecoder.TryDecode(value, out request.Pei);
        if (error != RadiusParseError.None)
        {
            FlagValue(ref request, error);
        }
    }

    private static void ReadUserLocation(ReadOnlySpan<byte> value, in RadiusParserOptions options, ref AccountingRequest request)
    {
        if (!request.UserLocationInfoRaw.IsEmpty)
        {
            return;
        }

        request.UserLocationInfoRaw = value;
        var error = UserLocationDecoder.TryDecode(value, options.NcgiLayout, options.ExtendedENodeBFlag, out request.Location);
        if (error != RadiusParseError.None)
        {
            FlagValue(ref request, error);
        }
    }
}
