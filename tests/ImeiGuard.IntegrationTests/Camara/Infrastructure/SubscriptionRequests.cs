using System.Globalization;

namespace ImeiGuard.IntegrationTests.Camara.Infrastructure;

/// <summary>Subscription requests as a consumer sends them: to the test sink, with a bearer sink credential.</summary>
internal static class SubscriptionRequests
{
    public const string ImeiChange = "org.camaraproject.iot-sim-fraud-prevention.v0.imei-change";
    public const string AreaChange = "org.camaraproject.iot-sim-fraud-prevention.v0.area-change";
    public const string Started = "org.camaraproject.iot-sim-fraud-prevention.v0.subscription-started";
    public const string Ended = "org.camaraproject.iot-sim-fraud-prevention.v0.subscription-ended";

    /// <summary>The sink credential of a SIM's subscriptions: a token named after its sink, valid for an hour.</summary>
    public static string TokenOf(Sim sim) => "token-" + sim.SinkName;

    /// <summary>A subscription to <paramref name="type"/> events of the SIM (by phone number), with optional config members.</summary>
    public static object Body(CamaraHost host, Sim sim, string type = ImeiChange, int? maxEvents = null, DateTimeOffset? expireTime = null, bool? initialEvent = null) => new
    {
        protocol = "HTTP",
        sink = host.Sink.Url(sim.SinkName),
        types = new[] { type },
        config = new
        {
            subscriptionDetail = new { device = new { phoneNumber = sim.Phone } },
            subscriptionMaxEvents = maxEvents,
            subscriptionExpireTime = expireTime?.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            initialEvent,
        },
        sinkCredential = new
        {
            credentialType = "ACCESSTOKEN",
            accessToken = TokenOf(sim),
            accessTokenExpiresUtc = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            accessTokenType = "bearer",
        },
    };

    /// <summary>Creates the subscription (asserting 201) and returns its id.</summary>
    public static async Task<string> CreateAsync(HttpClient client, object body)
    {
        var created = await CamaraResponse.PostAsync(client, CamaraResponse.Subscriptions, body);
        Assert.True(created.Status == 201, $"HTTP {created.Status}: {created.Body}");
        return created.Body.GetProperty("id").GetString()!;
    }
}
