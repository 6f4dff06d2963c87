using ImeiGuard.IntegrationTests.Camara.Infrastructure;
using ImeiGuard.IntegrationTests.Infrastructure;
using static ImeiGuard.IntegrationTests.Camara.BindConformanceTests;
using static ImeiGuard.IntegrationTests.Camara.Infrastructure.SubscriptionRequests;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>
/// CAMARA end to end with real RADIUS traffic (radclient): bind by the UE address of a live session binds the IMEI the
/// network sees for it, and when the SIM turns up in another device, or outside its area, the subscriber's sink gets
/// the CloudEvent with its bearer credential.
/// </summary>
[Collection(CamaraCollection.Name)]
public sealed class CamaraRadiusTests(CamaraHost host)
{
    private HttpClient Operator => host.Client(CamaraKeys.Operator);

    [Fact]
    public async Task Radclient_BindByIpv4ThenAnotherImeisv_ImeiChangeCloudEventReachesTheSink()
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, DeviceA);
        var device = new { ipv4Address = new { publicAddress = sim.Ipv4, publicPort = 40_000 } };

        var bind = await CamaraResponse.PostAsync(Operator, CamaraResponse.FraudPrevention + "/bind", new { device, bindType = "IMEIBIND" });

        bind.AssertOk();
        Assert.True(bind.Body.GetProperty("bound").GetBoolean());
        var locked = await ControlPlaneClient.GetBindingAsync(Operator, "imsi", sim.Imsi);
        Assert.Equal(("LOCKED", "864461032077249"), (locked.GetProperty("lockState").GetString(), locked.GetProperty("boundImei").GetString()));

        var id = await CreateAsync(Operator, new
        {
            protocol = "HTTP",
            sink = host.Sink.Url(sim.SinkName),
            types = new[] { ImeiChange },
            config = new { subscriptionDetail = new { device } },
            sinkCredential = new { credentialType = "ACCESSTOKEN", accessToken = TokenOf(sim), accessTokenExpiresUtc = "2099-01-01T00:00:00Z", accessTokenType = "bearer" },
        });
        await host.Sink.WaitForAsync(sim.SinkName, 1);
        await host.StartSessionAsync(sim, DeviceB, "S-2");

        var events = await host.Sink.WaitForAsync(sim.SinkName, 2);
        Assert.Equal([Started, ImeiChange], events.Select(e => e.Type));
        var change = events[1];
        Assert.Equal("Bearer " + TokenOf(sim), change.Authorization);
        Assert.StartsWith("application/cloudevents+json", change.ContentType, StringComparison.Ordinal);
        Assert.Equal(("1.0", "application/json", "/iot-sim-fraud-prevention-subscriptions/v0.1"),
            (change.Body.GetProperty("specversion").GetString(), change.Body.GetProperty("datacontenttype").GetString(), change.Body.GetProperty("source").GetString()));
        Assert.NotEqual(events[0].Body.GetProperty("id").GetString(), change.Body.GetProperty("id").GetString());
        Assert.True(DateTimeOffset.TryParse(change.Body.GetProperty("time").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal((id, ImeiB), (change.Data.GetProperty("subscriptionId").GetString(), change.Data.GetProperty("imei").GetString()));
        Assert.Equal(sim.Ipv4, change.Data.GetProperty("device").GetProperty("ipv4Address").GetProperty("publicAddress").GetString());
        Assert.Equal("VIOLATED", (await ControlPlaneClient.GetBindingAsync(Operator, "imsi", sim.Imsi)).GetProperty("lockState").GetString());
    }

    [Fact]
    public async Task Radclient_AreaLimitThenSeenInACellOutside_AreaChangeCloudEventWithTheArea()
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, DeviceA);
        var bind = await CamaraResponse.PostAsync(Operator, CamaraResponse.FraudPrevention + "/bind", new { device = new { phoneNumber = sim.Phone }, bindType = "AREALIMIT" });
        Assert.True(bind.Body.GetProperty("bound").GetBoolean());
        var id = await CreateAsync(Operator, Body(host, sim, AreaChange));
        await host.Sink.WaitForAsync(sim.SinkName, 1);

        // Same device, another cell 500 km away: the area decides, not the device.
        await host.StartSessionAsync(sim, DeviceA, "S-2", CamaraHost.MunichUli);

        var events = await host.Sink.WaitForAsync(sim.SinkName, 2);
        Assert.Equal([Started, AreaChange], events.Select(e => e.Type));
        var data = events[1].Data;
        Assert.Equal(id, data.GetProperty("subscriptionId").GetString());
        Assert.Equal(("CIRCLE", CamaraHost.CellLatitude, 10_000), (data.GetProperty("area").GetProperty("areaType").GetString(),
            data.GetProperty("area").GetProperty("center").GetProperty("latitude").GetDouble(), data.GetProperty("area").GetProperty("radius").GetInt32()));
        Assert.Equal(sim.Phone, data.GetProperty("device").GetProperty("phoneNumber").GetString());
    }

    [Fact]
    public async Task Radclient_MaxEventsReached_SubscriptionEndsAfterTheEvent()
    {
        var sim = await LockedSimAsync();
        var id = await CreateAsync(Operator, Body(host, sim, maxEvents: 1));
        await host.Sink.WaitForAsync(sim.SinkName, 1);

        await host.StartSessionAsync(sim, DeviceB, "S-2");

        var events = await host.Sink.WaitForAsync(sim.SinkName, 3);
        Assert.Equal([Started, ImeiChange, Ended], events.Select(e => e.Type));
        Assert.Equal("MAX_EVENTS_REACHED", events[2].Data.GetProperty("terminationReason").GetString());
        Assert.Equal("EXPIRED", (await CamaraResponse.SendAsync(Operator, HttpMethod.Get, $"{CamaraResponse.Subscriptions}/{id}")).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Radclient_InitialEventOnAViolatedSim_SendsTheCurrentImeiChangeAtOnce()
    {
        var sim = await LockedSimAsync();
        await host.StartSessionAsync(sim, DeviceB, "S-2");
        await ControlPlaneClient.WaitForStateAsync(Operator, sim.Imsi, "VIOLATED");

        await CreateAsync(Operator, Body(host, sim, initialEvent: true));

        var events = await host.Sink.WaitForAsync(sim.SinkName, 2);
        Assert.Equal([Started, ImeiChange], events.Select(e => e.Type));
        Assert.Equal(ImeiB, events[1].Data.GetProperty("imei").GetString());
    }

    [Fact]
    public async Task Sink_FailingTwice_GetsTheSameEventAgainUntilItAcknowledges()
    {
        var sim = await host.RegisteredSimAsync(null);
        host.Sink.FailFirst(sim.SinkName, 2);

        await CreateAsync(Operator, Body(host, sim));

        var attempts = await host.Sink.WaitForAsync(sim.SinkName, 3);
        Assert.Single(attempts.Select(a => a.Body.GetProperty("id").GetString()).Distinct());
        Assert.Equal(Started, attempts[2].Type);
    }

    [Fact]
    public async Task Sink_AnsweringGone_EndsTheSubscriptionAndGetsNothingMore()
    {
        var sim = await LockedSimAsync();
        host.Sink.Gone(sim.SinkName);
        var id = await CreateAsync(Operator, Body(host, sim));
        await host.Sink.WaitForAsync(sim.SinkName, 1);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await CamaraResponse.SendAsync(Operator, HttpMethod.Get, $"{CamaraResponse.Subscriptions}/{id}")).Body.GetProperty("status").GetString() != "EXPIRED" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await host.StartSessionAsync(sim, DeviceB, "S-2");
        await ControlPlaneClient.WaitForStateAsync(Operator, sim.Imsi, "VIOLATED");
        await Task.Delay(500);

        Assert.Equal("EXPIRED", (await CamaraResponse.SendAsync(Operator, HttpMethod.Get, $"{CamaraResponse.Subscriptions}/{id}")).Body.GetProperty("status").GetString());
        Assert.Single(host.Sink.Of(sim.SinkName));
    }

    /// <summary>A SIM locked (CAMARA IMEIBIND) to device A, which its radclient session shows.</summary>
    private async Task<Sim> LockedSimAsync()
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, DeviceA);
        Assert.True((await CamaraResponse.PostAsync(Operator, CamaraResponse.FraudPrevention + "/bind", new { device = new { phoneNumber = sim.Phone }, bindType = "IMEIBIND" }))
            .Body.GetProperty("bound").GetBoolean());
        return sim;
    }
}
