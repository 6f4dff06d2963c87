namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// Why a datagram or one of its values could not be trusted. The order follows the order in which
/// checks are applied (framing first, then authenticators, then values), so the first error found
/// is the most fundamental one. <see cref="RadiusParseErrors.ReasonCode(RadiusParseError)"/> gives the snake_case code
/// used in logs, metrics labels and the corpus expectation files.
/// </summary>
public enum RadiusParseError : byte
{
    None = 0,

    // Datagram scope: the packet cannot be parsed and is dropped whole.
    EmptyDatagram,
    DatagramTooShort,
    LengthBelowMinimum,
    LengthAboveMaximum,
    LengthExceedsDatagram,
    UnexpectedCode,
    AttributeOverrun,
    AttributeLengthInvalid,
    VsaTooShort,
    VsaSublengthInvalid,
    VsaSublengthOverrun,
    BadRequestAuthenticator,
    BadMessageAuthenticator,
    MissingAcctStatusType,

    // Attribute scope: framing is fine, one value is wrong; it is flagged and not trusted.
    AttributeValueLengthInvalid,
    ImsiTooLong,
    ImsiTooShort,
    ImsiInvalidDigits,
    ImeisvInvalidDigits,
    ImeisvInvalidLength,
    UliTruncated,
    UliLengthMismatch,
}
