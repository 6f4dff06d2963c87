using Microsoft.Extensions.Logging;

namespace ImeiGuard.Oss;

public sealed partial class OssDispatcher
{
    private static partial class Log
    {
        // OssDispatcher event IDs: 3100-3199 (next free: 3108)
        [LoggerMessage(3101, LogLevel.Information, "No OSS URL configured: block/resume commands are recorded in the outbox and listed at /api/v2/enforcement/commands")]
        public static partial void RecordOnly(ILogger logger);

        [LoggerMessage(3102, LogLevel.Information, "Delivered {Kind} command {CommandId} (HTTP {Status}, attempt {Attempt})")]
        public static partial void Delivered(ILogger logger, string kind, string commandId, int status, int attempt);

        [LoggerMessage(3103, LogLevel.Warning, "Delivery of {Kind} command {CommandId} failed (attempt {Attempt}): {Error}; next attempt in {Delay}")]
        public static partial void AttemptFailed(ILogger logger, string kind, string commandId, int attempt, string error, TimeSpan delay);

        [LoggerMessage(3104, LogLevel.Error, "Outbox pass failed")]
        public static partial void PassFailed(ILogger logger, Exception exception);

        [LoggerMessage(3105, LogLevel.Information, "Delivering block/resume commands with the {Adapter} adapter to {Oss} (signed: {Signed})")]
        public static partial void Delivering(ILogger logger, string adapter, string oss, bool signed);

        [LoggerMessage(3106, LogLevel.Warning, "Circuit to the OSS is open: {Kind} command {CommandId} and the rest of the pass wait {BreakDuration}")]
        public static partial void CircuitOpen(ILogger logger, string kind, string commandId, TimeSpan breakDuration);

        [LoggerMessage(3107, LogLevel.Error, "Dead-lettered {Kind} command {CommandId} after {Attempts} attempts: still unacknowledged at the configured age (last error: {LastError})")]
        public static partial void DeadLettered(ILogger logger, string kind, string commandId, int attempts, string lastError);
    }
}
