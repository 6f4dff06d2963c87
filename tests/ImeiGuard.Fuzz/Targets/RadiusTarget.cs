using ImeiGuard.Protocols.Radius;
using static ImeiGuard.Fuzz.FuzzFailure;

namespace ImeiGuard.Fuzz.Targets;

/// <summary>
/// The Accounting-Request parser, the authenticator check and the response writer over one datagram. Besides
/// "never throws", it checks what the live path relies on: an accepted packet lies inside the datagram and
/// carries code 4; padding after Length changes nothing; Classify ranks framing errors first.
/// </summary>
internal static class RadiusTarget
{
    private static readonly byte[] Secret = "testing123"u8.ToArray();
    private static readonly RadiusParserOptions SpareFirst = new() { NcgiLayout = NcgiLayout.SpareFirst, ExtendedENodeBFlag = ExtendedENodeBFlag.SetMeansLong };

    public static void Run(byte[] datagram)
    {
        var framing = AccountingRequestParser.TryParse(datagram, RadiusParserOptions.Default, out var request);
        var parsed = RadiusSummary.Of(framing, request);
        if (framing is RadiusParseError.None or RadiusParseError.MissingAcctStatusType)
        {
            Check(request.Length >= AccountingRequestParser.HeaderLength && request.Length <= Math.Min(datagram.Length, AccountingRequestParser.MaxPacketLength), "accepted Length outside the datagram");
            Check(request.Packet.Length == request.Length && request.Code == RadiusCodes.AccountingRequest, "packet slice or code wrong");

            // Octets past Length are padding (RFC 2865 §3): appending more must not change the reading.
            var padded = new byte[datagram.Length + 7];
            datagram.CopyTo(padded, 0);
            var again = AccountingRequestParser.TryParse(padded, RadiusParserOptions.Default, out var paddedRequest);
            Check(RadiusSummary.Of(again, paddedRequest) == parsed, "padding changed the parse");
        }

        // The per-source decoding choices change values, never the framing verdict.
        var other = AccountingRequestParser.TryParse(datagram, SpareFirst, out _);
        Check(other == framing, "parser options changed the framing verdict");

        var classified = AccountingRequestParser.Classify(datagram, Secret, RadiusParserOptions.Default, out _);
        if (framing is > RadiusParseError.None and < RadiusParseError.BadRequestAuthenticator)
        {
            Check(classified == framing, "Classify did not rank the framing error first");
        }

        _ = RadiusAuthenticator.VerifyRequest(datagram, Secret);
        Span<byte> response = stackalloc byte[AccountingRequestParser.HeaderLength];
        _ = RadiusAuthenticator.WriteAccountingResponse(datagram, Secret, response);
    }
}
