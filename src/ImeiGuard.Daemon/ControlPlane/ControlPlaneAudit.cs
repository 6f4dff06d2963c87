using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImeiGuard.Core.Audit;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// Writes audit entries for control-plane changes: the caller, the x-correlator and the time come from the
/// request, the before/after views are serialised with the API's own JSON shapes. Endpoints call
/// <see cref="Record{T}"/> after a change succeeded. A failing audit write is logged, not thrown: the change
/// is already committed, and answering 503 for it would invite a retry of something that happened.
/// </summary>
internal sealed partial class ControlPlaneAudit(IAuditLog log, TimeProvider time, ILogger<ControlPlaneAudit> logger)
{
    /// <summary>The CAMARA correlation header; values outside its pattern are not recorded.</summary>
    public const string CorrelatorHeader = "x-correlator";

    public void Record<T>(HttpContext http, string action, string? tenant, string? target, T? before, T? after)
        where T : class
    {
        var info = (JsonTypeInfo<T>)DaemonJsonContext.Default.GetTypeInfo(typeof(T))!;
        try
        {
            log.Record(new AuditEntry(
                time.GetUtcNow(), Caller.From(http.User).Name, tenant, action, target,
                before is null ? null : JsonSerializer.Serialize(before, info),
                after is null ? null : JsonSerializer.Serialize(after, info),
                CorrelatorOf(http)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AuditWriteFailed(logger, action, ex);
        }
    }

    /// <summary>The request's x-correlator when it matches the CAMARA pattern (^[a-zA-Z0-9-_:;./&lt;&gt;{}]{0,256}$), else null.</summary>
    public static string? CorrelatorOf(HttpContext http)
    {
        var value = http.Request.Headers[CorrelatorHeader].ToString();
        if (value.Length is 0 or > 256)
        {
            return null;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "-_:;./<>{}".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return null;
            }
        }

        return value;
    }

    private static partial class Log
    {
        // ControlPlaneAudit event IDs: 2300-2319 (next free: 2302)
        [LoggerMessage(2301, LogLevel.Error, "Audit entry for {Action} could not be written; the change itself is committed")]
        public static partial void AuditWriteFailed(ILogger logger, string action, Exception exception);
    }
}
