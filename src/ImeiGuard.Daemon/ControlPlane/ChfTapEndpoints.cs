using System.IO.Pipelines;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Daemon.Hosting;
using ImeiGuard.Daemon.Ingest.Chf;
using ImeiGuard.Protocols.Chf;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// The Nchf_ConvergedCharging resources (TS 32.291 §6.1.3) served as a tap for a probe or SBI mirror that
/// replays an SMF's requests: Create answers 201 with a Location, Update 200, Release 204, as the CHF would,
/// so the sender never retries. Trust is by peer address (ImeiGuard:Chf:Sources), not API key: mirrors do not
/// carry our keys. A rejected body answers 400 with application/problem+json whose cause is the reason code.
/// </summary>
internal static class ChfTapEndpoints
{
    public static void MapChfTap(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<ChfOptions>>().Value.HttpTap)
        {
            return;
        }

        const string root = "/nchf-convergedcharging/{version:regex(^v[23]$)}/chargingdata";
        app.MapPost(root, static (HttpContext http, ChfRecordProcessor p, ImeiGuardMetrics m, IOptions<ChfOptions> o) => HandleAsync(http, ChfRequestKind.Create, null, p, m, o.Value));
        app.MapPost(root + "/{chargingDataRef}/update", static (HttpContext http, string chargingDataRef, ChfRecordProcessor p, ImeiGuardMetrics m, IOptions<ChfOptions> o) => HandleAsync(http, ChfRequestKind.Update, chargingDataRef, p, m, o.Value));
        app.MapPost(root + "/{chargingDataRef}/release", static (HttpContext http, string chargingDataRef, ChfRecordProcessor p, ImeiGuardMetrics m, IOptions<ChfOptions> o) => HandleAsync(http, ChfRequestKind.Release, chargingDataRef, p, m, o.Value));
    }

    private static async Task<IResult> HandleAsync(HttpContext http, ChfRequestKind kind, string? chargingDataRef, ChfRecordProcessor processor, ImeiGuardMetrics metrics, ChfOptions options)
    {
        var source = processor.Sources.Match(http.Connection.RemoteIpAddress);
        if (source is null)
        {
            metrics.ChfUntrusted.Inc();
            return Problem(403, "Forbidden", "UNTRUSTED_SOURCE");
        }

        var reader = http.Request.BodyReader;
        ReadResult result;
        while (true)
        {
            result = await reader.ReadAsync(http.RequestAborted);
            if (result.IsCompleted || result.Buffer.Length > options.MaxRecordBytes)
            {
                break;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }

        ChfParseError error;
        try
        {
            error = processor.Process(result.Buffer, kind, source);
        }
        finally
        {
            reader.AdvanceTo(result.Buffer.End);
        }

        if (error != ChfParseError.None)
        {
            return error == ChfParseError.BodyTooLarge
                ? Problem(413, "Payload Too Large", ChfParseErrors.ReasonCode(error))
                : Problem(400, "Bad Request", ChfParseErrors.ReasonCode(error));
        }

        switch (kind)
        {
            case ChfRequestKind.Create:
                var reference = Guid.CreateVersion7().ToString("N");
                http.Response.Headers.Location = $"{http.Request.Path}/{reference}";
                return Results.Text("{}", "application/json", statusCode: 201);
            case ChfRequestKind.Update:
                return Results.Text("{}", "application/json", statusCode: 200);
            default:
                return Results.StatusCode(204);
        }
    }

    // TS 29.500 §5.2.7: ProblemDetails with an application cause.
    private static IResult Problem(int status, string title, string cause) =>
        Results.Text($"{{\"status\":{status},\"title\":\"{title}\",\"cause\":\"{cause}\"}}", "application/problem+json", statusCode: status);
}
