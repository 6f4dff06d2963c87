using Microsoft.Extensions.Logging;

namespace ImeiGuard.Oss.CloudEvents;

/// <summary>Log lines of <see cref="NotificationDispatcher"/>. Subscription ids only: never a subscriber identifier or a token.</summary>
public sealed partial class NotificationDispatcher
{
    private static partial class Log
    {
        // NotificationDispatcher event IDs: 4100-4149 (next free: 4106)
        [LoggerMessage(4101, LogLevel.Debug, "Delivered {Type} of subscription {SubscriptionId} (HTTP {Status}, attempt {Attempt})")]
        public static partial void Delivered(ILogger logger, string type, string subscriptionId, int status, int attempt);

        [LoggerMessage(4102, LogLevel.Warning, "Delivery of {Type} to the sink of subscription {SubscriptionId} failed (attempt {Attempt}: {Error}); next try in {Delay}")]
        public static partial void AttemptFailed(ILogger logger, string type, string subscriptionId, int attempt, string error, TimeSpan delay);

        [LoggerMessage(4103, LogLevel.Warning, "The sink of subscription {SubscriptionId} answered 410 Gone: the subscription ended and its undelivered notifications were dropped")]
        public static partial void SinkGone(ILogger logger, string subscriptionId);

        [LoggerMessage(4104, LogLevel.Warning, "Gave up {Count} notification(s) undelivered after {GiveUpAfter} or past their sink token's expiry")]
        public static partial void GaveUp(ILogger logger, int count, TimeSpan giveUpAfter);

        [LoggerMessage(4105, LogLevel.Information, "{Count} subscription(s) reached their end (expire time or sink token expiry)")]
        public static partial void SubscriptionsEnded(ILogger logger, int count);

        [LoggerMessage(4100, LogLevel.Error, "A notification delivery pass failed; retrying next poll")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
