using ImeiGuard.Oss.Delivery;

namespace ImeiGuard.IntegrationTests.Oss;

/// <summary>The durable retry schedule: exponential with equal jitter, capped, Retry-After as a floor.</summary>
public sealed class DeliveryScheduleTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(0, 0.5, 1)]
    [InlineData(1, 1, 2)]
    [InlineData(3, 4, 8)]
    [InlineData(8, 128, 256)]   // 256 s ceiling
    [InlineData(20, 150, 300)]  // capped at MaxBackoff
    public void Delay_StaysWithinHalfToFullCeiling(int previousAttempts, double minSeconds, double maxSeconds)
    {
        Assert.Equal(minSeconds, DeliverySchedule.Delay(previousAttempts, Initial, Max, null, 0).TotalSeconds, 3);
        Assert.InRange(DeliverySchedule.Delay(previousAttempts, Initial, Max, null, 0.999_999).TotalSeconds, minSeconds, maxSeconds);
    }

    [Fact]
    public void Delay_RetryAfterIsAFloorAndIsCapped()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), DeliverySchedule.Delay(0, Initial, Max, TimeSpan.FromSeconds(30), 0.5));
        Assert.Equal(TimeSpan.FromSeconds(0.75), DeliverySchedule.Delay(0, Initial, Max, TimeSpan.FromSeconds(0.1), 0.5));
        Assert.Equal(DeliverySchedule.RetryAfterCap, DeliverySchedule.Delay(0, Initial, Max, TimeSpan.FromDays(3), 0.5));
    }

    [Fact]
    public void RetryAfter_ReadsDeltaAndDate()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_732_356_000);
        using var delta = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        delta.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var date = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(12));
        using var none = new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError);

        Assert.Equal(TimeSpan.FromSeconds(7), DeliverySchedule.RetryAfter(delta, now));
        Assert.Equal(TimeSpan.FromSeconds(12), DeliverySchedule.RetryAfter(date, now));
        Assert.Null(DeliverySchedule.RetryAfter(none, now));
    }
}
