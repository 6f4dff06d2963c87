namespace ImeiGuard.Core.Operations;

/// <summary>Error codes of the subscriber device-sim-lock API (documented in README).</summary>
public static class LockApiErrors
{
    public const string ServiceUnavailable = "GLOBAL_1001";
    public const string ServiceUnavailableMessage = "Service unavailable. Please try again";
    public const string InvalidBody = "GLOBAL_1002";
    public const string Unauthenticated = "GLOBAL_1003";
    public const string Forbidden = "GLOBAL_1004";
    public const string UnknownIdentifierType = "SIMLOCK_1001";
    public const string InvalidIdentifierValue = "SIMLOCK_1002";
    public const string UnknownAction = "SIMLOCK_1003";
    public const string SubscriberNotFound = "SIMLOCK_1004";
    public const string RequestNotFound = "SIMLOCK_1005";
    public const string InvalidPaging = "SIMLOCK_1006";
    public const string InvalidRules = "SIMLOCK_1007";
    public const string RebindQuotaExceeded = "SIMLOCK_1008";
    public const string ImportRejected = "SIMLOCK_1009";
    public const string InvalidInventoryField = "SIMLOCK_1010";
    public const string TenantRequired = "SIMLOCK_1011";
    public const string CellsManagedByFile = "SIMLOCK_1012";
    public const string InvalidCells = "SIMLOCK_1013";

    /// <summary>429: the client address presented too many rejected tokens and is locked out for a while.</summary>
    public const string TooManyAuthenticationFailures = "SIMLOCK_1014";

    /// <summary>429: the caller used up its request budget (ImeiGuard:ControlPlane:RateLimit).</summary>
    public const string RateLimited = "SIMLOCK_1015";

    /// <summary>400: the JSON body nests deeper than ImeiGuard:ControlPlane:MaxJsonDepth.</summary>
    public const string JsonTooDeep = "SIMLOCK_1016";
}
