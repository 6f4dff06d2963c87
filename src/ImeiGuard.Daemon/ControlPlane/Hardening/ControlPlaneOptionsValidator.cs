using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.ControlPlane.Hardening;

/// <summary>Fails the start on control-plane settings that Kestrel or the limiters would reject later, or silently misread.</summary>
internal sealed class ControlPlaneOptionsValidator : IValidateOptions<ControlPlaneOptions>
{
    /// <summary>Kestrel checks data rates once a second, so a shorter grace period is refused by Kestrel itself.</summary>
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, ControlPlaneOptions options) =>
        Problems(options).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    public static IEnumerable<string> Problems(ControlPlaneOptions o)
    {
        const string Section = "ImeiGuard:ControlPlane";
        if (o.Lockout.MaxFailures < 0 || o.Lockout.Window <= TimeSpan.Zero || o.Lockout.Duration <= TimeSpan.Zero
            || o.Lockout.MaxTrackedAddresses < 1 || o.Lockout.Ipv6PrefixLength is < 1 or > 128)
        {
            yield return $"{Section}:Lockout: MaxFailures >= 0 (0: off), Window and Duration positive, MaxTrackedAddresses >= 1, Ipv6PrefixLength 1..128";
        }

        if (o.RateLimit.Permits < 0 || o.RateLimit.Window <= TimeSpan.Zero)
        {
            yield return $"{Section}:RateLimit: Permits >= 0 (0: off) and Window positive";
        }

        // System.Text.Json's own bound is 64: a larger setting would be cut there with a less clear answer.
        if (o.MaxJsonDepth is < 1 or > 64)
        {
            yield return $"{Section}:MaxJsonDepth must be 1..64";
        }

        var limits = o.Limits;
        if (limits.RequestHeadersTimeout <= TimeSpan.Zero || limits.KeepAliveTimeout <= TimeSpan.Zero
            || limits.MinRequestBodyDataRate < 0 || (limits.MinRequestBodyDataRate > 0 && limits.MinRequestBodyDataRateGracePeriod <= HeartbeatInterval)
            || limits.MaxConcurrentConnections < 0 || limits.MaxRequestHeadersTotalSize < 1024 || limits.MaxRequestBodySize < 1024)
        {
            yield return $"{Section}:Limits: RequestHeadersTimeout and KeepAliveTimeout positive, MinRequestBodyDataRate >= 0 with a grace period over 1 s, "
                + "MaxConcurrentConnections >= 0 (0: no limit), MaxRequestHeadersTotalSize and MaxRequestBodySize at least 1024";
        }

        var tls = o.Tls;
        if (!tls.Enabled && (!string.IsNullOrEmpty(tls.KeyFile) || !string.IsNullOrEmpty(tls.PasswordFile)))
        {
            yield return $"{Section}:Tls: KeyFile or PasswordFile is set without CertificateFile";
        }

        if (!string.IsNullOrEmpty(tls.Password) && !string.IsNullOrEmpty(tls.PasswordFile))
        {
            yield return $"{Section}:Tls: set Password or PasswordFile, not both";
        }
    }
}
