using System.Globalization;
using System.Threading.Channels;
using ImeiGuard.Core.Audit;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImeiGuard.Core.Operations;

/// <summary>
/// Accepts device-sim-lock requests (stored first, then queued) and applies them in the background, in
/// arrival order. At startup it re-queues whatever was accepted but not finished, so an acknowledged
/// request survives a crash.
/// </summary>
public sealed partial class LockOperationService : BackgroundService
{
    private readonly Channel<LockOperation> _queue = Channel.CreateUnbounded<LockOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IOperationStore _store;
    private readonly BindingEnforcer _enforcer;
    private readonly ISubscriberDirectory _directory;
    private readonly TimeProvider _time;
    private readonly ILogger<LockOperationService> _logger;
    private readonly IAuditLog _audit;

    public LockOperationService(
        IOperationStore store,
        BindingEnforcer enforcer,
        ISubscriberDirectory directory,
        TimeProvider time,
        ILogger<LockOperationService> logger,
        IAuditLog audit)
    {
        _audit = audit;
        _store = store;
        _enforcer = enforcer;
        _directory = directory;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Stores the request as IN_PROGRESS and queues it. Throws if the store is unavailable. A
    /// <paramref name="tenant"/> caller's request touches only that tenant's SIMs; with
    /// <see cref="IdentifierType.Tenant"/> the action applies to every SIM of the tenant named by <paramref name="value"/>.
    /// </summary>
    public LockOperation Submit(IdentifierType type, string value, LockAction action, string? requestedBy, string? tenant = null, string? correlator = null)
    {
        var now = _time.GetUtcNow();
        var operation = new LockOperation
        {
            RequestId = Guid.CreateVersion7(now).ToString(),
            IdentifierType = type,
            IdentifierValue = value,
            Action = action,
            Status = OperationStatus.InProgress,
            RequestedBy = requestedBy,
            Tenant = tenant,
            Correlator = correlator,
            CreatedAt = now,
        };
        _store.Create(operation);
        _queue.Writer.TryWrite(operation);
        return operation;
    }

    public LockOperation? Find(string requestId) => _store.Find(requestId);

    /// <summary>Applies one operation synchronously (also used by tests and the admin CLI).</summary>
    public LockOperation Process(LockOperation operation)
    {
        var done = operation.IdentifierType == IdentifierType.Tenant ? ProcessAccount(operation) : ProcessSim(operation);
        done = done with { CompletedAt = _time.GetUtcNow() };
        _store.Complete(done);
        return done;
    }

    private LockOperation ProcessSim(LockOperation operation)
    {
        LockOperation done;
        // Another tenant's SIM fails exactly like an unknown one.
        if (!_directory.TryResolve(operation.IdentifierType, operation.IdentifierValue, out var imsi)
            || (operation.Tenant is not null && !string.Equals(_directory.TenantOf(imsi), operation.Tenant, StringComparison.Ordinal)))
        {
            done = operation with
            {
                Status = OperationStatus.Failed,
                ErrorCode = LockApiErrors.SubscriberNotFound,
                ErrorMessage = "No SIM is known for this identifier",
            };
        }
        else
        {
            try
            {
                ApplyAudited(operation, imsi);
                done = operation with { Status = OperationStatus.Success, Imsi = imsi.ToString() };
            }
            catch (RebindQuotaExceededException ex)
            {
                done = operation with
                {
                    Status = OperationStatus.Failed,
                    Imsi = imsi.ToString(),
                    ErrorCode = LockApiErrors.RebindQuotaExceeded,
                    ErrorMessage = ex.Message,
                };
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.ApplyFailed(_logger, operation.RequestId, ex);
                done = operation with
                {
                    Status = OperationStatus.Failed,
                    Imsi = imsi.ToString(),
                    ErrorCode = LockApiErrors.ServiceUnavailable,
                    ErrorMessage = LockApiErrors.ServiceUnavailableMessage,
                };
            }
        }

        return done;
    }

    /// <summary>Applies the action to every SIM of the tenant, one at a time; a SIM that fails does not stop the rest.</summary>
    private LockOperation ProcessAccount(LockOperation operation)
    {
        var tenant = operation.IdentifierValue;
        int changed = 0, unchanged = 0, failed = 0;
        var sims = _directory.SimsOf(tenant);
        foreach (var imsi in sims)
        {
            try
            {
                var before = _enforcer.FindWithoutFirstSeen(imsi)?.State ?? LockState.Disabled;
                var after = _enforcer.Apply(imsi, operation.Action).State;
                if (before == after)
                {
                    unchanged++;
                }
                else
                {
                    changed++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The rebind quota is an expected refusal; anything else is a store failure worth a log line.
                if (ex is not RebindQuotaExceededException)
                {
                    Log.ApplyFailed(_logger, operation.RequestId, ex);
                }

                failed++;
            }
        }

        var counts = new AccountCounts(sims.Count, changed, unchanged, failed);
        Audit(new AuditEntry(
            _time.GetUtcNow(), operation.RequestedBy ?? "-", tenant, "account." + ActionName(operation.Action), "tenant:" + tenant, null,
            $"{{\"requestId\":\"{operation.RequestId}\",\"total\":{counts.Total},\"changed\":{counts.Changed},\"unchanged\":{counts.Unchanged},\"failed\":{counts.Failed}}}",
            operation.Correlator));
        return operation with { Status = OperationStatus.Success, Counts = counts };
    }

    /// <summary>Applies one SIM's action and records the lock state before and after in the audit log.</summary>
    private void ApplyAudited(LockOperation operation, Imsi imsi)
    {
        var before = _enforcer.FindWithoutFirstSeen(imsi);
        var after = _enforcer.Apply(imsi, operation.Action);
        Audit(new AuditEntry(
            after.UpdatedAt == default ? _time.GetUtcNow() : after.UpdatedAt, operation.RequestedBy ?? "-", _directory.TenantOf(imsi),
            "device-sim-lock." + ActionName(operation.Action), "imsi:" + imsi, LockJson(before), LockJson(after), operation.Correlator));
    }

    /// <summary>Writes an audit entry; a failure is logged, not thrown, because the change is already committed.</summary>
    private void Audit(AuditEntry entry)
    {
        try
        {
            _audit.Record(entry);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AuditFailed(_logger, entry.Action, ex);
        }
    }

    private static string ActionName(LockAction action) => action switch
    {
        LockAction.Enable => "enable",
        LockAction.Reset => "reset",
        _ => "disable",
    };

    /// <summary>The lock as the audit log shows it; digits and state names only, so no escaping is needed.</summary>
    private static string LockJson(BindingRecord? record) => record is null
        ? "{\"lockState\":\"DISABLED\",\"boundImei\":null,\"episode\":0}"
        : string.Create(CultureInfo.InvariantCulture, $"{{\"lockState\":\"{record.State.ToString().ToUpperInvariant()}\",\"boundImei\":{(CommandFactory.FormatImei(record.BoundImei) is { } imei ? "\"" + imei + "\"" : "null")},\"episode\":{record.Episode}}}");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var pending in _store.ListInProgress())
        {
            _queue.Writer.TryWrite(pending);
        }

        await foreach (var operation in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                Process(operation);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The operation stays IN_PROGRESS in the store and is retried at the next start.
                Log.ApplyFailed(_logger, operation.RequestId, ex);
            }
        }
    }

    private static partial class Log
    {
        // LockOperationService event IDs: 2100-2199 (next free: 2103)
        [LoggerMessage(2101, LogLevel.Error, "Device-sim-lock request {RequestId} could not be applied")]
        public static partial void ApplyFailed(ILogger logger, string requestId, Exception exception);

        [LoggerMessage(2102, LogLevel.Error, "Audit entry for {Action} could not be written; the change itself is committed")]
        public static partial void AuditFailed(ILogger logger, string action, Exception exception);
    }
}
