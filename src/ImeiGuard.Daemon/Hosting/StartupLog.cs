namespace ImeiGuard.Daemon.Hosting;

/// <summary>Startup log lines.</summary>
internal static partial class StartupLog
{
    // Startup event IDs: 1000-1099 (next free: 1004)
    [LoggerMessage(1001, LogLevel.Information, "Control plane accepts {Count} API key(s); without configured keys the admin key is in {BootstrapPath}")]
    public static partial void LogControlPlaneKeys(this ILogger logger, int count, string bootstrapPath);

    [LoggerMessage(1002, LogLevel.Information, "Control plane accepts bearer JWTs: {Validation}")]
    public static partial void LogJwtValidation(this ILogger logger, string validation);

    [LoggerMessage(1003, LogLevel.Information, "Control plane serves HTTPS only, certificate {Subject}, valid until {NotAfter:u}, thumbprint {Thumbprint}")]
    public static partial void LogControlPlaneTls(this ILogger logger, string subject, DateTime notAfter, string thumbprint);
}
