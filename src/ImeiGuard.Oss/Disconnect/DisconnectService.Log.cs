using Microsoft.Extensions.Logging;

namespace ImeiGuard.Oss.Disconnect;

public sealed partial class DisconnectService
{
    private static partial class Log
    {
        // DisconnectService event IDs: 3200-3299 (next free: 3204)
        [LoggerMessage(3201, LogLevel.Information, "Immediate action on: a Disconnect-Request (RFC 5176) follows each block; {Targets} NAS target(s) configured")]
        public static partial void Enabled(ILogger logger, int targets);

        [LoggerMessage(3202, LogLevel.Information, "Disconnect-Request for block command {CommandId}: {Result} ({Detail})")]
        public static partial void Result(ILogger logger, string commandId, string result, string detail);

        [LoggerMessage(3203, LogLevel.Error, "Disconnect pass failed")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
