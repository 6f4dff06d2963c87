using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ImeiGuard.Daemon.Camara;

/// <summary>Marks the CAMARA endpoints, whose refusals answer in the CAMARA shape.</summary>
internal sealed class CamaraEndpointMetadata
{
    public static CamaraEndpointMetadata Instance { get; } = new();
}

/// <summary>
/// Answers a refused CAMARA request with CAMARA 401 UNAUTHENTICATED or 403 PERMISSION_DENIED bodies, whichever
/// authentication scheme refused it (API key today, tokens later); every other endpoint keeps the scheme's own
/// challenge and its envelope.
/// </summary>
internal sealed class CamaraAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<CamaraEndpointMetadata>() is null)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        if (authorizeResult.Forbidden)
        {
            return CamaraError.WriteAsync(context, StatusCodes.Status403Forbidden, CamaraError.PermissionDenied, CamaraError.PermissionDeniedMessage);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return CamaraError.WriteAsync(context, StatusCodes.Status401Unauthorized, CamaraError.Unauthenticated, CamaraError.UnauthenticatedMessage);
    }
}
