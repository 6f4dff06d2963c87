using System.Buffers.Binary;

namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// Parses an Accounting-Request datagram in place (RFC 2865 §3/§5, RFC 2866, 3GPP VSAs of TS 29.061).
/// Nothing is allocated and nothing is thrown, whatever the input.
/// </summary>
/// <remarks>
/// How a caller combines the checks, most fundamental first (the order of <see cref="RadiusParseError"/>):
/// <list type="number">
/// <item><see cref="TryParse"/> framing errors (<see cref="RadiusParseError.EmptyDatagram"/> ..
/// <see cref="RadiusParseError.VsaSublengthOverrun"/>): drop the datagram.</item>
/// <item>If a secret is configured for the sender, <see cref="RadiusAuthenticator.VerifyRequest"/> over
/// <see cref="AccountingRequest.Packet"/>: flag or drop (RFC 5080 §2.3.3).</item>
/// <item><see cref="RadiusParseError.MissingAcctStatusType"/>, returned by <see cref="TryParse"/> after a
/// complete parse: the request is filled but cannot be classified as Start/Stop/Interim.</item>
/// <item><see cref="AccountingRequest.ValueError"/>: one value was wrong and is left empty; the rest is usable.</item>
/// </list>
/// <see cref="Classify"/> applies exactly that order and returns the single most fundamental reason.
/// </remarks>
public static partial class AccountingRequestParser
{
    /// <summary>Code, Identifier, Length and Authenticator.</summary>
    public const int HeaderLength = 20;

    /// <summary>RFC 2865 §3 allows 4096; RFC 2866 §3 says 4095. The larger is accepted.</summary>
    public const int MaxPacketLength = 4096;

    private const int AuthenticatorOffset = 4;
    private const int AuthenticatorLength = 16;

    /// <summary>
    /// Parses the framing and every attribute. Returns a datagram-scope error, or None; attribute-scope
    /// problems are reported in <see cref="AccountingRequest.ValueError"/> and the value is left empty.
    /// Never throws. Authenticators are not checked here: see <see cref="RadiusAuthenticator"/>.
    /// </summary>
    /// <remarks>
    /// RFC 2865 §3: Length covers Code..Attributes and must be 20..4096; octets past Length are padding and
    /// ignored; a datagram shorter than Length is discarded. RFC 2865 §5: each attribute is
    /// Type(1) Length(1, at least 2) Value, and one that runs past Length makes the packet malformed.
    /// RFC 2865 §5.26: Vendor-Specific is Vendor-Id(4) followed by the vendor's data; for 3GPP (10415) that data
    /// is a list of VendorType(1) VendorLength(1) Value sub-attributes (TS 29.061 §16.4.7), which is walked and
    /// checked. Other vendors' data is skipped unchecked, since the sub-attribute layout is only a recommendation.
    /// Framing errors are ranked: a top-level TLV error ends the walk at once; Vendor-Specific errors are kept
    /// (the most fundamental one) and returned after the whole list proved walkable.
    /// When a datagram-scope error is returned, nothing but the header fields (Code, Identifier, Length,
    /// Authenticator, Packet) is set, and those only once the Length field proved consistent with the datagram.
    /// <see cref="RadiusParseError.MissingAcctStatusType"/> is the exception: the request is filled completely.
    /// </remarks>
    public static RadiusParseError TryParse(ReadOnlySpan<byte> datagram, in RadiusParserOptions options, out AccountingRequest request)
    {
        request = default;
        var error = CheckHeader(datagram, options.ExpectedCode, out var packet);
        if (packet.Length >= HeaderLength)
        {
            request.Code = packet[0];
            request.Identifier = packet[1];
            request.Length = (ushort)packet.Length;
            request.Authenticator = packet.Slice(AuthenticatorOffset, AuthenticatorLength);
            request.Packet = packet;
        }

        if (error != RadiusParseError.None)
        {
            return error;
        }

        var state = default(ParseState);
        error = ReadAttributes(packet[HeaderLength..], options, ref request, ref state);
        if (error != RadiusParseError.None)
        {
            var header = request;
            request = default;
            request.Code = header.Code;
            request.Identifier = header.Identifier;
            request.Length = header.Length;
            request.Authenticator = header.Authenticator;
            request.Packet = header.Packet;
            return error;
        }

        ResolveImsiFromUserName(ref request, state);
        return state.SawStatusType ? RadiusParseError.None : RadiusParseError.MissingAcctStatusType;
    }

    /// <summary>
    /// Parses, then verifies the authenticators when <paramref name="secret"/> is not empty, and returns the
    /// single most fundamental problem: framing, then authenticators, then a missing Acct-Status-Type, then
    /// the first value error. None means the request is sound.
    /// </summary>
    public static RadiusParseError Classify(
        ReadOnlySpan<byte> datagram,
        ReadOnlySpan<byte> secret,
        in RadiusParserOptions options,
        out AccountingRequest request)
    {
        var error = TryParse(datagram, options, out request);
        if (error is > RadiusParseError.None and < RadiusParseError.BadRequestAuthenticator)
        {
            return error;
        }

        if (!secret.IsEmpty)
        {
            var authentication = RadiusAuthenticator.VerifyRequest(request.Packet, secret);
            if (authentication != RadiusParseError.None)
            {
                return authentication;
            }
        }

        return error != RadiusParseError.None ? error : request.ValueError;
    }

    /// <summary>RFC 2865 §3 header checks, in the order of the reason codes.</summary>
    private static RadiusParseError CheckHeader(ReadOnlySpan<byte> datagram, byte expectedCode, out ReadOnlySpan<byte> packet)
    {
        packet = default;
        if (datagram.IsEmpty)
        {
            return RadiusParseError.EmptyDatagram;
        }

        if (datagram.Length < HeaderLength)
        {
            return RadiusParseError.DatagramTooShort;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if (length < HeaderLength)
        {
            return RadiusParseError.LengthBelowMinimum;
        }

        if (length > MaxPacketLength)
        {
            return RadiusParseError.LengthAboveMaximum;
        }

        if (length > datagram.Length)
        {
            return RadiusParseError.LengthExceedsDatagram;
        }

        packet = datagram[..length];
        return datagram[0] == expectedCode ? RadiusParseError.None : RadiusParseError.UnexpectedCode;
    }

    /// <summary>Walks the attribute list once, dispatching each value; see <see cref="TryParse"/> for the ranking.</summary>
    private static RadiusParseError ReadAttributes(
        ReadOnlySpan<byte> attributes,
        in RadiusParserOptions options,
        ref AccountingRequest request,
        ref ParseState state)
    {
        var vendorError = RadiusParseError.None;
        var rest = attributes;
        while (!rest.IsEmpty)
        {
            // Why this order: a lone trailing octet cannot even hold Type+Length (overrun), while a
            // Length of 0 or 1 would never advance the walk (the infinite-loop trap).
            if (rest.Length < 2)
            {
                return RadiusParseError.AttributeOverrun;
            }

            int length = rest[1];
            if (length < 2)
            {
                return RadiusParseError.AttributeLengthInvalid;
            }

            if (length > rest.Length)
            {
                return RadiusParseError.AttributeOverrun;
            }

            var type = rest[0];
            var value = rest.Slice(2, length - 2);
            rest = rest[length..];
            if (type == RadiusAttributeTypes.VendorSpecific)
            {
                var error = ReadVendorSpecific(value, options, ref request, ref state);
                if (error != RadiusParseError.None && (vendorError == RadiusParseError.None || error < vendorError))
                {
                    vendorError = error;
                }
            }
            else
            {
                ReadStandardAttribute(type, value, ref request, ref state);
            }
        }

        return vendorError;
    }

    /// <summary>Records <paramref name="error"/> as the value error unless an earlier one was found.</summary>
    private static void FlagValue(ref AccountingRequest request, RadiusParseError error)
    {
        if (request.ValueError == RadiusParseError.None)
        {
            request.ValueError = error;
        }
    }

    /// <summary>What the walk saw that the request itself does not record.</summary>
    private struct ParseState
    {
        public bool SawStatusType;
        public bool SawImsiAttribute;
    }
}
