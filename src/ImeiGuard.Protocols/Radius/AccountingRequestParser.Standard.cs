using System.Buffers.Binary;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Protocols.Radius;

public static partial class AccountingRequestParser
{
    private const int IntegerLength = 4;
    private const int Ipv4Length = 4;
    private const int MessageAuthenticatorLength = 16;
    private const int Ipv6PrefixMinValue = 2;
    private const int Ipv6PrefixMaxValue = 18;
    private const int Ipv6MaxPrefixLength = 128;

    /// <summary>
    /// Standard attributes (RFC 2865 §5, RFC 2866 §5, RFC 2869 §5.3 Event-Timestamp and §5.14
    /// Message-Authenticator, RFC 3162 §2.3 Framed-IPv6-Prefix, RFC 4818 Delegated-IPv6-Prefix).
    /// The first occurrence of an attribute wins; repeats are ignored. Text values are kept as raw slices.
    /// </summary>
    private static void ReadStandardAttribute(byte type, ReadOnlySpan<byte> value, ref AccountingRequest request, ref ParseState state)
    {
        switch (type)
        {
            case RadiusAttributeTypes.UserName:
                SetTextOnce(ref request.UserName, value);
                break;
            case RadiusAttributeTypes.CallingStationId:
                SetTextOnce(ref request.CallingStationId, value);
                break;
            case RadiusAttributeTypes.CalledStationId:
                SetTextOnce(ref request.CalledStationId, value);
                break;
            case RadiusAttributeTypes.NasIdentifier:
                SetTextOnce(ref request.NasIdentifier, value);
                break;
            case RadiusAttributeTypes.AcctSessionId:
                SetTextOnce(ref request.AcctSessionId, value);
                break;
            case RadiusAttributeTypes.AcctStatusType:
                ReadStatusType(value, ref request, ref state);
                break;
            case RadiusAttributeTypes.NasIpAddress:
                ReadUInt32Once(value, ref request, ref request.NasIpAddress, ref request.HasNasIpAddress);
                break;
            case RadiusAttributeTypes.FramedIpAddress:
                ReadUInt32Once(value, ref request, ref request.FramedIpAddress, ref request.HasFramedIpAddress);
                break;
            case RadiusAttributeTypes.EventTimestamp:
                ReadUInt32Once(value, ref request, ref request.EventTimestamp, ref request.HasEventTimestamp);
                break;
            case RadiusAttributeTypes.MessageAuthenticator:
                if (value.Length == MessageAuthenticatorLength)
                {
                    request.HasMessageAuthenticator = true;
                }
                else
                {
                    FlagValue(ref request, RadiusParseError.AttributeValueLengthInvalid);
                }

                break;
            case RadiusAttributeTypes.FramedIpv6Prefix:
                ReadIpv6PrefixOnce(value, ref request, ref request.FramedIpv6Prefix);
                break;
            case RadiusAttributeTypes.DelegatedIpv6Prefix:
                ReadIpv6PrefixOnce(value, ref request, ref request.DelegatedIpv6Prefix);
                break;
            default:
                break;
        }
    }

    private static void SetTextOnce(ref ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        if (field.IsEmpty)
        {
            field = value;
        }
    }

    /// <summary>RFC 2866 §5.1: a 4-octet integer. A wrong length counts as present-but-unusable, not missing.</summary>
    private static void ReadStatusType(ReadOnlySpan<byte> value, ref AccountingRequest request, ref ParseState state)
    {
        if (state.SawStatusType)
        {
            return;
        }

        state.SawStatusType = true;
        if (value.Length != IntegerLength)
        {
            FlagValue(ref request, RadiusParseError.AttributeValueLengthInvalid);
            return;
        }

        request.StatusType = (AcctStatusType)BinaryPrimitives.ReadUInt32BigEndian(value);
        request.HasStatusType = true;
    }

    /// <summary>4-octet integers and IPv4 addresses, big-endian (RFC 2865 §5: "address" and "integer").</summary>
    private static void ReadUInt32Once(ReadOnlySpan<byte> value, ref AccountingRequest request, ref uint field, ref bool present)
    {
        if (present)
        {
            return;
        }

        if (value.Length != Ipv4Length)
        {
            FlagValue(ref request, RadiusParseError.AttributeValueLengthInvalid);
            return;
        }

        field = BinaryPrimitives.ReadUInt32BigEndian(value);
        present = true;
    }

    /// <summary>
    /// RFC 3162 §2.3: Reserved(1) PrefixLength(1) Prefix(0..16). The attribute Length is 4..20, so the prefix may
    /// be cut to its significant octets; it is zero-padded to 16. A prefix length above 128 is invalid.
    /// </summary>
    private static void ReadIpv6PrefixOnce(ReadOnlySpan<byte> value, ref AccountingRequest request, ref Ipv6Prefix field)
    {
        if (field.IsPresent)
        {
            return;
        }

        if (value.Length is < Ipv6PrefixMinValue or > Ipv6PrefixMaxValue || value[1] > Ipv6MaxPrefixLength)
        {
            FlagValue(ref request, RadiusParseError.AttributeValueLengthInvalid);
            return;
        }

        Span<byte> padded = stackalloc byte[16];
        padded.Clear();
        value[2..].CopyTo(padded);
        field = new Ipv6Prefix(BinaryPrimitives.ReadUInt128BigEndian(padded), value[1], IsPresent: true);
    }

    /// <summary>
    /// When there is no 3GPP-IMSI, takes the IMSI from User-Name: plain digits, or the local part of an NAI
    /// (<c>imsi@realm</c>, TS 23.003 §19.3). User-Name is often the MSISDN, so digits count as an IMSI only when
    /// they start with the home PLMN of 3GPP-IMSI-MCC-MNC, or, without that attribute, when there are exactly
    /// 15 of them (the usual IMSI length; MSISDNs are usually shorter). A User-Name that is no IMSI is not an error.
    /// </summary>
    private static void ResolveImsiFromUserName(ref AccountingRequest request, in ParseState state)
    {
        if (state.SawImsiAttribute || request.UserName.IsEmpty)
        {
            return;
        }

        var candidate = request.UserName;
        var source = ImsiSource.UserName;
        var at = candidate.IndexOf((byte)'@');
        if (at >= 0)
        {
            candidate = candidate[..at];
            source = ImsiSource.UserNameNai;
        }

        if (!Imsi.TryParse(candidate, out var imsi) || !LooksLikeImsi(candidate, request.ImsiMccMnc))
        {
            return;
        }

        request.Imsi = imsi;
        request.ImsiSource = source;
    }

    private static bool LooksLikeImsi(ReadOnlySpan<byte> digits, PlmnId home)
    {
        if (home.IsEmpty)
        {
            return digits.Length == Imsi.MaxLength;
        }

        var prefixLength = 3 + home.MncDigits;
        if (digits.Length <= prefixLength)
        {
            return false;
        }

        var prefix = 0;
        for (var i = 0; i < prefixLength; i++)
        {
            prefix = (prefix * 10) + (digits[i] - '0');
        }

        var mncModulus = home.MncDigits == 3 ? 1000 : 100;
        return prefix / mncModulus == home.Mcc && prefix % mncModulus == home.Mnc;
    }
}
