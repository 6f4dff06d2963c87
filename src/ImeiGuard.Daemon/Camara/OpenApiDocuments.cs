namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// Serves the CAMARA OpenAPI documents this daemon implements, byte for byte as published (embedded from
/// Camara/OpenApi), at <c>/openapi/{name}.yaml</c>. Open like /metrics: an API description is not a secret.
/// </summary>
internal static class OpenApiDocuments
{
    public static readonly string[] Names = ["iot-sim-fraud-prevention.yaml", "iot-sim-fraud-prevention-subscriptions.yaml"];

    public static void MapCamaraOpenApi(this IEndpointRouteBuilder app)
    {
        foreach (var name in Names)
        {
            var bytes = Read(name);
            app.MapGet("/openapi/" + name, () => Results.Bytes(bytes, "application/yaml")).AllowAnonymous();
        }
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(OpenApiDocuments).Assembly.GetManifestResourceStream("openapi/" + name)
            ?? throw new InvalidOperationException($"The OpenAPI document {name} is not embedded in the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
