using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Benchmarks.Daemon.Replay;

/// <summary>
/// What a replay does per record, until the daemon's <c>replay</c> subcommand exists: read the capture, parse and
/// extract each Accounting-Request, optionally verify its authenticators, and decide it against the binding table.
/// </summary>
public static class ReplayPipeline
{
    /// <summary>Returns the records decided. An empty <paramref name="secret"/> skips the authenticator check.</summary>
    public static int Run(ReadOnlySpan<byte> capture, BindingEnforcer enforcer, ReadOnlySpan<byte> secret)
    {
        var reader = new CaptureReader(capture);
        var decided = 0;
        while (reader.TryReadNext(out var datagram))
        {
            if (AccountingRequestParser.TryParse(datagram.Payload, RadiusParserOptions.Default, out var request) != RadiusParseError.None
                || request.Imsi.IsEmpty
                || (!secret.IsEmpty && RadiusAuthenticator.VerifyRequest(request.Packet, secret) != RadiusParseError.None))
            {
                continue;
            }

            var observation = new Observation
            {
                Imsi = request.Imsi,
                Pei = request.Pei,
                Location = request.Location,
                AtUnixMs = request.EventTimestamp * 1000L,
                Source = ObservationSource.Replay,
                NasIp = request.NasIpAddress,
                NasIdentifier = request.NasIdentifier,
                SessionId = request.AcctSessionId,
                SourceName = "replay",
            };
            _ = enforcer.Observe(observation);
            decided++;
        }

        return decided;
    }
}
