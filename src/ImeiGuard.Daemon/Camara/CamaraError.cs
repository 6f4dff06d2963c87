namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// CAMARA error answers: the <c>ErrorInfo</c> body <c>{status, code, message}</c> of the specs and the CAMARA
/// Commonalities, never the subscriber API's envelope. Messages are the specs' example texts where the specs
/// give one, so a conformance suite can compare them.
/// </summary>
internal static class CamaraError
{
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string NotFound = "NOT_FOUND";
    public const string IdentifierNotFound = "IDENTIFIER_NOT_FOUND";
    public const string MissingIdentifier = "MISSING_IDENTIFIER";
    public const string UnnecessaryIdentifier = "UNNECESSARY_IDENTIFIER";
    public const string UnsupportedIdentifier = "UNSUPPORTED_IDENTIFIER";
    public const string UnnecessaryUnbindImei = "UNNECESSARY_UNBIND_IMEI";
    public const string UnnecessaryUnbindAreaLimit = "UNNECESSARY_UNBIND_AREALIMIT";
    public const string TooManyRequests = "TOO_MANY_REQUESTS";
    public const string InvalidSink = "INVALID_SINK";
    public const string InvalidProtocol = "INVALID_PROTOCOL";
    public const string InvalidCredential = "INVALID_CREDENTIAL";
    public const string Unavailable = "UNAVAILABLE";

    public const string GenericInvalidArgumentMessage = "Client specified an invalid argument, request body or query param.";
    public const string UnauthenticatedMessage = "Request not authenticated due to missing, invalid, or expired credentials.";
    public const string PermissionDeniedMessage = "Client does not have sufficient permissions to perform this action.";
    public const string NotFoundMessage = "The specified resource is not found.";
    public const string IdentifierNotFoundMessage = "Device identifier not found.";
    public const string MissingIdentifierMessage = "The device cannot be identified.";
    public const string UnnecessaryIdentifierMessage = "An explicit identifier has been provided for the device when this is already identified by the access token";
    public const string UnsupportedIdentifierMessage = "None of the provided identifiers is supported by the implementation.";
    public const string UnnecessaryUnbindImeiMessage = "The current device imei has been unbound";
    public const string UnnecessaryUnbindAreaLimitMessage = "The current device area limit has been unbound";
    public const string TooManyRequestsMessage = "Rejected due to request rate limit overpassed.";
    public const string InsufficientDeviceMessage = "At least one of phoneNumber, networkAccessIdentifier, ipv4Address and ipv6Address must be specified";
    public const string InconsistentDeviceMessage = "Multiple inconsistent device parameters specified";
    public const string UnavailableMessage = "Service Unavailable.";

    /// <summary>The answer for <paramref name="status"/> with a CAMARA code and message.</summary>
    public static IResult Result(int status, string code, string message) =>
        Results.Json(new ErrorInfo(status, code, message), CamaraJsonContext.Relaxed.ErrorInfo, statusCode: status);

    public static IResult BadRequest(string message) => Result(StatusCodes.Status400BadRequest, InvalidArgument, message);

    /// <summary>Writes the error directly (authentication, rate limiting and correlator checks answer outside an endpoint).</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorInfo(status, code, message), CamaraJsonContext.Relaxed.ErrorInfo, contentType: "application/json", context.RequestAborted);
    }
}

/// <summary>The CAMARA <c>ErrorInfo</c> schema.</summary>
internal sealed record ErrorInfo(int Status, string Code, string Message);
