using System.Threading.Channels;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Subscribers;
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

    public LockOperationService(
        IOperationStore store,
        BindingEnforcer enforcer,
        ISubscriberDirectory directory,
        TimeProvider time,
        ILogger<LockOperationService> logger)
    {
        _store = store;
        _enforcer = enforcer;
        _directory = directory;
        _time = time;
        _logger = logger;
    }

    /// <summary>Stores the request as IN_PROGRESS and queues it. Throws if the store is unavailable.</summary>
    public LockOperation Submit(IdentifierType type, string value, LockAction action, string? requestedBy)
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
        LockOperation done;
        if (!_directory.TryResolve(operation.IdentifierType, operation.IdentifierValue, out var imsi))
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
                _enforcer.Apply(imsi, operation.Action);
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

        done = done with { CompletedAt = _time.GetUtcNow() };
        _store.Complete(done);
        return done;
    }

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
        // LockOperationService event IDs: 2100-2199 (next free: 2102)
        [LoggerMessage(2101, LogLevel.Error, "Device-sim-lock request {RequestId} could not be applied")]
        public static partial void ApplyFailed(ILogger logger, string requestId, Exception exception);
    }
}
