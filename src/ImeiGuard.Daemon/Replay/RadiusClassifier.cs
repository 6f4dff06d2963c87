using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Replay;

/// <summary>
/// Finds the RADIUS accounting traffic of a capture and classifies it with the daemon's own parser and
/// authenticator checks (<see cref="AccountingRequestParser.Classify"/>), using the secret that
/// <see cref="ReplaySecrets"/> selects. Allocates nothing.
/// </summary>
internal sealed class RadiusClassifier
{
    private readonly bool[] _isAccountingPort = new bool[65536];
    private readonly ReplaySecrets _secrets;
    private readonly RadiusParserOptions _requestOptions;
    private readonly RadiusParserOptions _responseOptions;

    public RadiusClassifier(IReadOnlyList<int> ports, ReplaySecrets secrets, NcgiLayout ncgiLayout)
    {
        foreach (var port in ports)
        {
            _isAccountingPort[port] = true;
        }

        _secrets = secrets;
        _requestOptions = new RadiusParserOptions { NcgiLayout = ncgiLayout };
        _responseOptions = _requestOptions with { ExpectedCode = RadiusCodes.AccountingResponse };
    }

    /// <summary>
    /// Requests go to an accounting port. Responses come from one and go to the client's own port; a datagram
    /// between two accounting ports (a proxy on 1813) counts as a request.
    /// </summary>
    public RadiusDirection Direction(scoped in CapturedDatagram datagram) =>
        _isAccountingPort[datagram.DestinationPort] ? RadiusDirection.Request
        : _isAccountingPort[datagram.SourcePort] ? RadiusDirection.Response
        : RadiusDirection.None;

    /// <summary>
    /// Parses an Accounting-Request and checks it in the daemon's order: framing, authenticators, a missing
    /// Acct-Status-Type, then value errors (<see cref="AccountingRequestParser.Classify"/>). The secret is chosen
    /// by source address without parsing; only when that fails and some secret is chosen by NAS-IP-Address or
    /// NAS-Identifier is the request parsed a first time to read them. No secret: authenticators are not checked.
    /// </summary>
    public RadiusParseError ClassifyRequest(scoped in CapturedDatagram datagram, out AccountingRequest request, out ReplaySecret? secret)
    {
        secret = _secrets.MatchSource(datagram.Source);
        if (secret is null && _secrets.MatchesAttributes)
        {
            _ = AccountingRequestParser.TryParse(datagram.Payload, _requestOptions, out var peek);
            secret = _secrets.MatchAttributes(peek);
        }

        return AccountingRequestParser.Classify(datagram.Payload, secret is null ? default : secret.Secret, _requestOptions, out request);
    }

    /// <summary>
    /// Checks the framing of an Accounting-Response (code 5). A response has no Acct-Status-Type, and its
    /// authenticator depends on the request it answers, so neither is checked.
    /// </summary>
    public RadiusParseError ClassifyResponse(scoped in CapturedDatagram datagram, out AccountingRequest response)
    {
        var error = AccountingRequestParser.TryParse(datagram.Payload, _responseOptions, out response);
        return error == RadiusParseError.MissingAcctStatusType ? RadiusParseError.None : error;
    }
}
