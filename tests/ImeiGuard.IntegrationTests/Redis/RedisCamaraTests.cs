using System.Net.Http.Json;
using ImeiGuard.IntegrationTests.Camara.Infrastructure;
using ImeiGuard.IntegrationTests.Infrastructure;
using static ImeiGuard.IntegrationTests.Camara.Infrastructure.SubscriptionRequests;

namespace ImeiGuard.IntegrationTests.Redis;

/// <summary>
/// CAMARA subscriptions on a fleet (ImeiGuard:Store=Redis): a subscription made over the HTTP API of one instance is
/// served by a violation another instance decides from real RADIUS (radclient), and its HTTPS sink gets each
/// CloudEvent once, whichever instance delivers it.
/// </summary>
public sealed class RedisCamaraTests : IAsyncLifetime
{
    private const string Imsi = "262017745954001";
    private const string Phone = "+4917509234001";
    private const string Sink = "fleet-sink";
    private readonly string _directory = Directory.CreateTempSubdirectory("imeiguard-redis-camara-").FullName;
    private CloudEventSink _sink = null!;

    public async ValueTask InitializeAsync() => _sink = await CloudEventSink.StartAsync(_directory);

    [Fact]
    public async Task SubscriptionOnOneInstance_ViolationOnTheOther_TheSinkGetsEachEventOnce()
    {
        await using var fleet = await RedisFleet.StartAsync();
        string[] settings =
        [
            $"--ImeiGuard:Camara:Notifications:TrustedCertificatesPath={_sink.CertificatePath}",
            "--ImeiGuard:Camara:Notifications:PollInterval=00:00:00.050",
            "--ImeiGuard:Camara:Notifications:InitialBackoff=00:00:00.100",
            "--ImeiGuard:Camara:Notifications:MaxBackoff=00:00:00.400",
        ];
        var a = await fleet.AddInstanceAsync("a", settings);
        var b = await fleet.AddInstanceAsync("b", settings);
        using var httpA = a.CreateClient();
        using var httpB = b.CreateClient();
        using (var registered = await httpA.PutAsJsonAsync($"/api/v2/subscriber/imsi/{Imsi}", new { msisdn = Phone[1..] }))
        {
            Assert.Equal(200, (int)registered.StatusCode);
        }

        await ControlPlaneClient.ApplyAsync(httpA, "imsi", Imsi, "ENABLE");
        var id = await CreateAsync(httpA, new
        {
            protocol = "HTTP",
            sink = _sink.Url(Sink),
            types = new[] { ImeiChange },
            config = new { subscriptionDetail = new { device = new { phoneNumber = Phone } } },
        });
        await _sink.WaitForAsync(Sink, 1);

        await Radclient.SendOrFailAsync(b, Radclient.Accounting("Start", Imsi, ViolationScenario.DeviceA, "S-1", 1_724_568_001, Phone[1..]));
        await ControlPlaneClient.WaitForStateAsync(httpB, Imsi, "LOCKED");
        await Radclient.SendOrFailAsync(b, Radclient.Accounting("Interim-Update", Imsi, ViolationScenario.DeviceB, "S-2", 1_724_568_002, Phone[1..]));

        var events = await _sink.WaitForAsync(Sink, 2);
        Assert.Equal([Started, ImeiChange], events.Select(e => e.Type));
        Assert.Equal((id, "35-349006-610128-4"), (events[1].Data.GetProperty("subscriptionId").GetString(), events[1].Data.GetProperty("imei").GetString()));
        Assert.Equal(Phone, events[1].Data.GetProperty("device").GetProperty("phoneNumber").GetString());

        // The subscription is the fleet's: the other instance finds and deletes it, and subscription-ended follows once.
        Assert.Equal("ACTIVE", (await CamaraResponse.SendAsync(httpB, HttpMethod.Get, $"{CamaraResponse.Subscriptions}/{id}")).Body.GetProperty("status").GetString());
        Assert.Equal(204, (await CamaraResponse.SendAsync(httpB, HttpMethod.Delete, $"{CamaraResponse.Subscriptions}/{id}")).Status);
        events = await _sink.WaitForAsync(Sink, 3);
        await Task.Delay(1000); // nothing more arrives: each event went out once
        Assert.Equal([Started, ImeiChange, Ended], _sink.Of(Sink).Select(e => e.Type));
        Assert.Equal(3, _sink.Of(Sink).Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.True(e.Acknowledged));
    }

    public async ValueTask DisposeAsync()
    {
        await _sink.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
