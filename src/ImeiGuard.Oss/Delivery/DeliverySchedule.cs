namespace ImeiGuard.Oss.Delivery;

/// <summary>
/// The durable retry schedule: when a command that failed its delivery is tried again. The result is
/// stored with the command (outbox.next_attempt_ms), so the schedule survives a restart.
/// </summary>
internal static class DeliverySchedule
{
    /// <summary>Retry-After values beyond this are treated as this (a broken or hostile header must not park a command for ever).</summary>
    public static readonly TimeSpan RetryAfterCap = TimeSpan.FromHours(1);

    /// <summary>
    /// Exponential backoff with "equal jitter": the ceiling doubles per previous attempt from
    /// <paramref name="initial"/> up to <paramref name="max"/>; the delay is half the ceiling plus a random half.
    /// A Retry-After from the OSS is a floor: the next attempt never comes before it.
    /// </summary>
    /// <param name="previousAttempts">Attempts made before this failure (0 for the first failure).</param>
    /// <param name="initial">First ceiling.</param>
    /// <param name="max">Largest ceiling.</param>
    /// <param name="retryAfter">The OSS's Retry-After, if it sent one.</param>
    /// <param name="random">A number in [0, 1): the jitter.</param>
    public static TimeSpan Delay(int previousAttempts, TimeSpan initial, TimeSpan max, TimeSpan? retryAfter, double random)
    {
        var exponent = Math.Clamp(previousAttempts, 0, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        var delay = TimeSpan.FromMilliseconds((ceiling / 2) + (random * ceiling / 2));
        if (retryAfter is { } floor && floor > delay)
        {
            delay = floor > RetryAfterCap ? RetryAfterCap : floor;
        }

        return delay;
    }

    /// <summary>The Retry-After of a response as a delay from <paramref name="now"/> (delta-seconds or HTTP-date), or null.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
