using ImeiGuard.IntegrationTests.Camara.Infrastructure;
using static ImeiGuard.IntegrationTests.Camara.Infrastructure.SubscriptionRequests;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>
/// /subscriptions: create, list, get and delete with the spec's schemas and errors, and the lifecycle events that reach
/// the sink (subscription-started, subscription-ended for delete, max events and expire time) as CloudEvents.
/// </summary>
[Collection(CamaraCollection.Name)]
public sealed class SubscriptionConformanceTests(CamaraHost host)
{
    private HttpClient Operator => host.Client(CamaraKeys.Operator);

    [Fact]
    public async Task Create_HttpsSinkWithBearerCredential_201AndSubscriptionStartedArrives()
    {
        var sim = await host.RegisteredSimAsync(null);

        var created = await CamaraResponse.PostAsync(Operator, CamaraResponse.Subscriptions, Body(host, sim, maxEvents: 5));

        Assert.Equal(201, created.Status);
        var body = created.Body;
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(("HTTP", host.Sink.Url(sim.SinkName), ImeiChange, "ACTIVE"),
            (body.GetProperty("protocol").GetString(), body.GetProperty("sink").GetString(), body.GetProperty("types")[0].GetString(), body.GetProperty("status").GetString()));
        Assert.Equal(sim.Phone, body.GetProperty("config").GetProperty("subscriptionDetail").GetProperty("device").GetProperty("phoneNumber").GetString());
        Assert.Equal(5, body.GetProperty("config").GetProperty("subscriptionMaxEvents").GetInt32());
        Assert.True(DateTimeOffset.TryParse(body.GetProperty("startsAt").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.False(body.TryGetProperty("sinkCredential", out _));

        var started = Assert.Single(await host.Sink.WaitForAsync(sim.SinkName, 1));
        Assert.Equal("Bearer " + TokenOf(sim), started.Authorization);
        Assert.StartsWith("application/cloudevents+json", started.ContentType, StringComparison.Ordinal);
        var e = started.Body;
        Assert.Equal(("1.0", Started, "/iot-sim-fraud-prevention-subscriptions/v0.1", "application/json"),
            (e.GetProperty("specversion").GetString(), started.Type, e.GetProperty("source").GetString(), e.GetProperty("datacontenttype").GetString()));
        Assert.Equal(e.GetProperty("id").GetString(), started.Correlator);
        Assert.EndsWith("Z", e.GetProperty("time").GetString(), StringComparison.Ordinal);
        Assert.Equal(("SUBSCRIPTION_CREATED", id), (started.Data.GetProperty("initiationReason").GetString(), started.Data.GetProperty("subscriptionId").GetString()));
    }

    [Fact]
    public async Task List_AfterCreateAndDelete_ShowsOnlyTheLiveSubscription()
    {
        var sim = await host.RegisteredSimAsync(null);
        var kept = await CreateAsync(Operator, Body(host, sim));
        var deleted = await CreateAsync(Operator, Body(host, sim, AreaChange));
        await CamaraResponse.SendAsync(Operator, HttpMethod.Delete, $"{CamaraResponse.Subscriptions}/{deleted}");

        var list = await CamaraResponse.SendAsync(Operator, HttpMethod.Get, CamaraResponse.Subscriptions);

        list.AssertOk();
        var ids = list.Body.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToArray();
        Assert.Contains(kept, ids);
        Assert.DoesNotContain(deleted, ids);
    }

    [Fact]
    public async Task Get_ExistingSubscription_AnswersIt()
    {
        var sim = await host.RegisteredSimAsync(null);
        var id = await CreateAsync(Operator, Body(host, sim, AreaChange));

        var response = await CamaraResponse.SendAsync(Operator, HttpMethod.Get, $"{CamaraResponse.Subscriptions}/{id}");

        response.AssertOk();
        Assert.Equal((id, AreaChange), (response.Body.GetProperty("id").GetString(), response.Body.GetProperty("types")[0].GetString()));
    }

    [Fact]
    public async Task Delete_ExistingSubscription_204ThenGone404AndSubscriptionEndedDeleted()
    {
        var sim = await host.RegisteredSimAsync(null);
        var id = await CreateAsync(Operator, Body(host, sim));

        var deleted = await CamaraResponse.SendAsync(Operator, HttpMethod.Delete, $"{CamaraResponse.Subscriptions}/{id}");

        Assert.Equal(204, deleted.Status);
        (await CamaraResponse.SendAsync(Operator, HttpMethod.Get, $"{CamaraResponse.Subscriptions}/{id}")).AssertError(404, "NOT_FOUND", "The specified resource is not found.");
        var events = await host.Sink.WaitForAsync(sim.SinkName, 2);
        Assert.Equal([Started, Ended], events.Select(e => e.Type));
        Assert.Equal("SUBSCRIPTION_DELETED", events[1].Data.GetProperty("terminationReason").GetString());
    }

    [Fact]
    public async Task Get_UnknownSubscription_404NotFound() =>
        (await CamaraResponse.SendAsync(Operator, HttpMethod.Get, CamaraResponse.Subscriptions + "/no-such-subscription")).AssertError(404, "NOT_FOUND", "The specified resource is not found.");

    [Fact]
    public async Task Delete_UnknownSubscription_404NotFound() =>
        (await CamaraResponse.SendAsync(Operator, HttpMethod.Delete, CamaraResponse.Subscriptions + "/no-such-subscription")).AssertError(404, "NOT_FOUND", "The specified resource is not found.");

    [Fact]
    public async Task Create_PlainHttpSink_400InvalidSink() =>
        (await CamaraResponse.PostAsync(Operator, CamaraResponse.Subscriptions, Replace(Body(host, await host.RegisteredSimAsync(null)), "sink", "http://127.0.0.1:9/sink")))
            .AssertError(400, "INVALID_SINK", "The sink field must be an accessible client address in order to notify the other end when an event occurs");

    [Theory]
    [InlineData("MQTT5", "Only HTTP is supported")]
    [InlineData("SMTP", "The value of Protocol can only be HTTP, MQTT3, MQTT5, AMQP, NATS, KAFKA")]
    public async Task Create_ProtocolOtherThanHttp_400InvalidProtocol(string protocol, string message) =>
        (await CamaraResponse.PostAsync(Operator, CamaraResponse.Subscriptions, Replace(Body(host, await host.RegisteredSimAsync(null)), "protocol", protocol)))
            .AssertError(400, "INVALID_PROTOCOL", message);

    [Fact]
    public async Task Create_PlainCredential_400InvalidCredential() =>
        (await CamaraResponse.PostAsync(Operator, CamaraResponse.Subscriptions, Replace(Body(host, await host.RegisteredSimAsync(null)), "sinkCredential",
            new { credentialType = "PLAIN", identifier = "user", secret = "secret" }))).AssertError(400, "INVALID_CREDENTIAL", "Only Access token is supported");

    [Fact]
    public async Task Create_WithoutTypes_400SubscriptionTypeMustBeSpecified() =>
        (await CamaraResponse.PostAsync(Operator, CamaraResponse.Subscriptions, Replace(Body(host, await host.RegisteredSimAsync(null)), "types", Array.Empty<string>())))
            .AssertError(400, "INVALID_ARGUMENT", "SubscriptionType must be specified");

    [Fact]
    public async Task Create_UnknownType_400InvalidArgument() =>
        (await CamaraResponse.PostAsync(Operator, CamaraResponse.Subscriptions, Replace(Body(host, await host.RegisteredSimAsync(null)), "types", new[] { "org.camaraproject.iot-sim-fraud-prevention.v0.sim-swap" })))
            .AssertError(400, "INVALID_ARGUMENT", $"The value of types can only be {ImeiChange},{AreaChange}");

    [Fact]
    public async Task Create_ExpireTimeInThePast_400InvalidArgument() =>
        (await CamaraResponse.PostAsync(Operator, CamaraResponse.Subscriptions, Body(host, await host.RegisteredSimAsync(null), expireTime: DateTimeOffset.UtcNow.AddMinutes(-1))))
            .AssertError(400, "INVALID_ARGUMENT", "Invalid value: config.subscriptionExpireTime");

    [Fact]
    public async Task Create_MaxEventsZero_400InvalidArgument() =>
        (await CamaraResponse.PostAsync(Operator, CamaraResponse.Subscriptions, Body(host, await host.RegisteredSimAsync(null), maxEvents: 0)))
            .AssertError(400, "INVALID_ARGUMENT", "Invalid value: config.subscriptionMaxEvents");

    [Fact]
    public async Task Create_ThreeLeggedToken_OmitsTheDeviceInTheSubscription()
    {
        var sink = host.NewSim().SinkName;
        var created = await CamaraResponse.PostAsync(host.Client(CamaraKeys.AcmeDevice), CamaraResponse.Subscriptions, new
        {
            protocol = "HTTP",
            sink = host.Sink.Url(sink),
            types = new[] { AreaChange },
            config = new { subscriptionDetail = new { } },
        });

        Assert.Equal(201, created.Status);
        Assert.False(created.Body.GetProperty("config").GetProperty("subscriptionDetail").TryGetProperty("device", out _));
        Assert.Equal(string.Empty, (await host.Sink.WaitForAsync(sink, 1))[0].Authorization);
    }

    [Fact]
    public async Task Subscription_ExpireTimeReached_EndsWithSubscriptionExpired()
    {
        var sim = await host.RegisteredSimAsync(null);
        var id = await CreateAsync(Operator, Body(host, sim, expireTime: DateTimeOffset.UtcNow.AddSeconds(2)));

        var events = await host.Sink.WaitForAsync(sim.SinkName, 2);

        Assert.Equal([Started, Ended], events.Select(e => e.Type));
        Assert.Equal("SUBSCRIPTION_EXPIRED", events[1].Data.GetProperty("terminationReason").GetString());
        Assert.Equal("EXPIRED", (await CamaraResponse.SendAsync(Operator, HttpMethod.Get, $"{CamaraResponse.Subscriptions}/{id}")).Body.GetProperty("status").GetString());
    }

    /// <summary>The body with one top-level member replaced (the rest valid).</summary>
    private static Dictionary<string, object?> Replace(object body, string member, object value)
    {
        var copy = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(System.Text.Json.JsonSerializer.Serialize(body))!;
        copy[member] = value;
        return copy;
    }
}
