namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// Where the CAMARA APIs are served: under each API's name and version, once as the released version (v0.1) and
/// once as the specs' server URL says (vwip), so clients generated from either find them.
/// </summary>
internal static class CamaraRoutes
{
    public const string FraudPrevention = "/iot-sim-fraud-prevention";
    public const string Subscriptions = "/iot-sim-fraud-prevention-subscriptions";
    public const string RateLimitPolicy = "camara";

    public static readonly string[] Versions = ["v0.1", "vwip"];

    public static bool IsCamaraPath(PathString path) => path.StartsWithSegments(FraudPrevention) || path.StartsWithSegments(Subscriptions);

    public static void MapCamara(this IEndpointRouteBuilder app)
    {
        foreach (var version in Versions)
        {
            app.MapGroup($"{FraudPrevention}/{version}")
                .WithMetadata(CamaraEndpointMetadata.Instance)
                .RequireRateLimiting(RateLimitPolicy)
                .MapFraudPrevention();
            app.MapGroup($"{Subscriptions}/{version}")
                .WithMetadata(CamaraEndpointMetadata.Instance)
                .RequireRateLimiting(RateLimitPolicy)
                .MapSubscriptions();
        }

        app.MapCamaraOpenApi();
    }
}
