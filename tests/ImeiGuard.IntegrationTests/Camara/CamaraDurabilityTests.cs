using ImeiGuard.IntegrationTests.Camara.Infrastructure;
using ImeiGuard.IntegrationTests.Infrastructure;
using static ImeiGuard.IntegrationTests.Camara.BindConformanceTests;
using static ImeiGuard.IntegrationTests.Camara.Infrastructure.SubscriptionRequests;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>
/// Nothing acknowledged is lost: notifications queued while the sink fails survive a crash of the daemon (SIGKILL) and
/// are delivered after the restart, with the CloudEvents ids they had before it. Its own daemon, as it is killed.
/// </summary>
public sealed class CamaraDurabilityTests(CamaraHost host) : IClassFixture<CamaraHost>
{
    [Fact]
    public async Task Notifications_PendingAtACrash_AreDeliveredAfterTheRestartWithTheSameIds()
    {
        var sim = await host.RegisteredSimAsync(null);
        await host.StartSessionAsync(sim, DeviceA);
        Assert.True((await CamaraResponse.PostAsync(host.Client(CamaraKeys.Operator), CamaraResponse.FraudPrevention + "/bind",
            new { device = new { phoneNumber = sim.Phone }, bindType = "IMEIBIND" })).Body.GetProperty("bound").GetBoolean());
        host.Sink.FailFirst(sim.SinkName, int.MaxValue);
        var id = await CreateAsync(host.Client(CamaraKeys.Operator), Body(host, sim));
        await host.StartSessionAsync(sim, DeviceB, "S-2");
        await ControlPlaneClient.WaitForStateAsync(host.Client(CamaraKeys.Operator), sim.Imsi, "VIOLATED");
        var refusedBeforeCrash = (await host.Sink.WaitForAsync(sim.SinkName, 1))[0].Id;

        await host.CrashAndRestartAsync();
        host.Sink.Heal(sim.SinkName);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (host.Sink.Of(sim.SinkName).Count(e => e.Acknowledged) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var acknowledged = host.Sink.Of(sim.SinkName).Where(e => e.Acknowledged).ToArray();
        Assert.Equal([Started, ImeiChange], acknowledged.Select(e => e.Type));
        Assert.Equal(refusedBeforeCrash, acknowledged[0].Id);
        Assert.Equal((id, ImeiB), (acknowledged[1].Data.GetProperty("subscriptionId").GetString(), acknowledged[1].Data.GetProperty("imei").GetString()));
        Assert.Equal("ACTIVE", (await CamaraResponse.SendAsync(host.Client(CamaraKeys.Operator), HttpMethod.Get, $"{CamaraResponse.Subscriptions}/{id}")).Body.GetProperty("status").GetString());
    }
}
