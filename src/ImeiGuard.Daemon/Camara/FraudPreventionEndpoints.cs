using ImeiGuard.Daemon.ControlPlane;

namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// <c>POST /bind</c>, <c>/unbind</c>, <c>/query</c> of the CAMARA IoT SIM Fraud Prevention API
/// (../shared/specs/camara/iot-sim-fraud-prevention.yaml). Each answers synchronously: the change is durable before
/// the 200. Errors are CAMARA ErrorInfo bodies (<see cref="CamaraError"/>).
/// </summary>
internal static class FraudPreventionEndpoints
{
    public static void MapFraudPrevention(this IEndpointRouteBuilder api)
    {
        api.MapPost("/bind", BindAsync).RequireAuthorization(Scopes.CamaraBind);
        api.MapPost("/unbind", UnbindAsync).RequireAuthorization(Scopes.CamaraUnbind);
        api.MapPost("/query", QueryAsync).RequireAuthorization(Scopes.CamaraQuery);
    }

    private static async Task<IResult> BindAsync(HttpContext http, DeviceResolver resolver, FraudPreventionService service, IControlPlaneAudit audit)
    {
        var (request, caller, sim, refused) = await ReadAsync(http, FraudOperation.Bind, resolver);
        return refused ?? Guard(() =>
        {
            var bound = service.Bind(sim, request!);
            audit.Record(caller, "camara.bind", sim.Imsi, $"{Name(request!.Type)} bound={(bound ? "true" : "false")}");
            return Results.Json(new BindResponse(bound), CamaraJsonContext.Relaxed.BindResponse);
        });
    }

    private static async Task<IResult> UnbindAsync(HttpContext http, DeviceResolver resolver, FraudPreventionService service, IControlPlaneAudit audit)
    {
        var (request, caller, sim, refused) = await ReadAsync(http, FraudOperation.Unbind, resolver);
        return refused ?? Guard(() =>
        {
            if (!service.Unbind(sim.Imsi, request!.Type))
            {
                return request.Type == FraudType.ImeiBind
                    ? CamaraError.Result(422, CamaraError.UnnecessaryUnbindImei, CamaraError.UnnecessaryUnbindImeiMessage)
                    : CamaraError.Result(422, CamaraError.UnnecessaryUnbindAreaLimit, CamaraError.UnnecessaryUnbindAreaLimitMessage);
            }

            audit.Record(caller, "camara.unbind", sim.Imsi, $"{Name(request.Type)} unbound");
            return Results.Json(new UnbindResponse(true), CamaraJsonContext.Relaxed.UnbindResponse);
        });
    }

    private static async Task<IResult> QueryAsync(HttpContext http, DeviceResolver resolver, FraudPreventionService service)
    {
        var (request, _, sim, refused) = await ReadAsync(http, FraudOperation.Query, resolver);
        return refused ?? Results.Json(service.Query(sim.Imsi, request!.Type), CamaraJsonContext.Relaxed.QueryResponse);
    }

    /// <summary>The body, the caller and the SIM of a request, or the CAMARA error that answers it instead.</summary>
    private static async Task<(FraudPreventionRequest? Request, Caller Caller, SimIdentity Sim, IResult? Refused)> ReadAsync(
        HttpContext http, FraudOperation operation, DeviceResolver resolver)
    {
        var (request, error) = operation.Read(await CamaraBody.ReadObjectAsync(http.Request));
        var caller = Caller.From(http.User);
        var sim = request is null ? default : resolver.Identify(caller, request.Device);
        return (request, caller, sim, error ?? sim.Error);
    }

    private static string Name(FraudType type) => type == FraudType.ImeiBind ? "IMEIBIND" : "AREALIMIT";

    /// <summary>Runs a change; a store that cannot be written answers 503 rather than a half-done 200.</summary>
    private static IResult Guard(Func<IResult> change)
    {
        try
        {
            return change();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return CamaraError.Result(StatusCodes.Status503ServiceUnavailable, CamaraError.Unavailable, CamaraError.UnavailableMessage);
        }
    }
}
