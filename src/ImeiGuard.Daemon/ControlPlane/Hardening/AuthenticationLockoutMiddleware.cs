using ImeiGuard.Core.Operations;
using Microsoft.AspNetCore.Authorization;

namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>
/// Runs before authentication on every route that needs a token: a locked-out address is answered 429 without its
/// credential being read (no digest, no signature check), and a request whose presented token was refused (401)
/// counts as one failure for its address. Requests without an Authorization header are not counted: a client that
/// forgot its token is not guessing one. Anonymous routes (probes, /metrics, the CHF tap) are never refused.
/// </summary>
internal sealed class AuthenticationLockoutMiddleware(RequestDelegate next, AuthenticationLockout lockout)
{
    public const string LockedOutMessage = "Too many failed authentications from this address; retry after the time in Retry-After";

    public async Task InvokeAsync(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (!lockout.Enabled || address is null || !NeedsToken(context.GetEndpoint()))
        {
            await next(context);
            return;
        }

        if (lockout.IsLockedOut(address, out var retryAfter))
        {
            AbuseMetrics.LockedOut.Inc();
            await TooManyRequests.WriteAsync(context, retryAfter, LockApiErrors.TooManyAuthenticationFailures, LockedOutMessage);
            return;
        }

        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && context.Request.Headers.Authorization.Count > 0)
        {
            lockout.RecordFailure(address);
        }
    }

    private static bool NeedsToken(Endpoint? endpoint) =>
        endpoint is not null && endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
}
