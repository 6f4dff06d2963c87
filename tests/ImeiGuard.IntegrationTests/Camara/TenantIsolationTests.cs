using ImeiGuard.IntegrationTests.Camara.Infrastructure;
using ImeiGuard.IntegrationTests.Infrastructure;
using static ImeiGuard.IntegrationTests.Camara.BindConformanceTests;
using static ImeiGuard.IntegrationTests.Camara.Infrastructure.SubscriptionRequests;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>
/// A tenant reaches only its own SIMs and subscriptions through every CAMARA endpoint. Another tenant's SIM answers
/// byte for byte like a SIM that does not exist, whichever identifier names it, so nothing tells a tenant that it exists.
/// </summary>
[Collection(CamaraCollection.Name)]
public sealed class TenantIsolationTests(CamaraHost host)
{
    private HttpClient Acme => host.Client(CamaraKeys.Acme);

    private HttpClient Globex => host.Client(CamaraKeys.Globex);

    public static TheoryData<CamaraOperation, string> OperationsAndIdentifiers()
    {
        var data = new TheoryData<CamaraOperation, string>();
        foreach (var operation in (CamaraOperation[])[CamaraOperation.Bind, CamaraOperation.Unbind, CamaraOperation.Query, CamaraOperation.Subscribe])
        {
            foreach (var identifier in (string[])["phoneNumber", "networkAccessIdentifier", "ipv4Address", "ipv6Address"])
            {
                data.Add(operation, identifier);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OperationsAndIdentifiers))]
    public async Task Operation_OnAnotherTenantsSim_AnswersExactlyAsForAnUnknownSim(CamaraOperation operation, string identifier)
    {
        var theirs = await host.RegisteredSimAsync("acme");
        await host.StartSessionAsync(theirs, DeviceA);
        var unknown = host.NewSim();

        var crossing = await CamaraRequests.SendAsync(Globex, operation, Device(theirs, identifier));
        var missing = await CamaraRequests.SendAsync(Globex, operation, Device(unknown, identifier));

        crossing.AssertError(404, "IDENTIFIER_NOT_FOUND", "Device identifier not found.");
        Assert.Equal(missing.Body.GetRawText(), crossing.Body.GetRawText());
        Assert.Equal(missing.Status, crossing.Status);
        Assert.Equal("DISABLED", (await ControlPlaneClient.GetBindingAsync(host.Client(CamaraKeys.Operator), "imsi", theirs.Imsi)).GetProperty("lockState").GetString());
    }

    [Fact]
    public async Task Bind_OwnSimAndAnotherTenantsSimTogether_404NotInconsistent()
    {
        var mine = await host.RegisteredSimAsync("globex");
        var theirs = await host.RegisteredSimAsync("acme");

        var response = await CamaraRequests.SendAsync(Globex, CamaraOperation.Bind, $$"""{"phoneNumber":"{{mine.Phone}}","networkAccessIdentifier":"{{theirs.Imsi}}@iot.example.com"}""");

        response.AssertError(404, "IDENTIFIER_NOT_FOUND", "Device identifier not found.");
    }

    [Fact]
    public async Task Bind_OperatorsOwnSimByATenant_404()
    {
        var operators = await host.RegisteredSimAsync(null);

        (await CamaraRequests.SendAsync(Acme, CamaraOperation.Bind, CamaraRequests.Phone(operators))).AssertError(404, "IDENTIFIER_NOT_FOUND", "Device identifier not found.");
    }

    [Fact]
    public async Task Bind_OwnSim_Works()
    {
        var mine = await host.RegisteredSimAsync("acme");

        var response = await CamaraRequests.SendAsync(Acme, CamaraOperation.Bind, CamaraRequests.Phone(mine));

        response.AssertOk();
        Assert.True(response.Body.GetProperty("bound").GetBoolean());
    }

    [Fact]
    public async Task Subscriptions_OfAnotherTenant_AreNeitherListedNorFoundNorDeletable()
    {
        var theirs = await host.RegisteredSimAsync("acme");
        var id = await CreateAsync(Acme, Body(host, theirs));
        var path = $"{CamaraResponse.Subscriptions}/{id}";

        var listed = await CamaraResponse.SendAsync(Globex, HttpMethod.Get, CamaraResponse.Subscriptions);
        Assert.DoesNotContain(id, listed.Body.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        (await CamaraResponse.SendAsync(Globex, HttpMethod.Get, path)).AssertError(404, "NOT_FOUND", "The specified resource is not found.");
        (await CamaraResponse.SendAsync(Globex, HttpMethod.Delete, path)).AssertError(404, "NOT_FOUND", "The specified resource is not found.");

        Assert.Equal(200, (await CamaraResponse.SendAsync(Acme, HttpMethod.Get, path)).Status);
        Assert.Contains(id, (await CamaraResponse.SendAsync(Acme, HttpMethod.Get, CamaraResponse.Subscriptions)).Body.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(200, (await CamaraResponse.SendAsync(host.Client(CamaraKeys.Operator), HttpMethod.Get, path)).Status);
    }

    [Fact]
    public async Task Subscriptions_OfAnotherDevice_AreHiddenFromAThreeLeggedCallerOfTheSameTenant()
    {
        var sibling = await host.RegisteredSimAsync("acme");
        var id = await CreateAsync(Acme, Body(host, sibling));

        var response = await CamaraResponse.SendAsync(host.Client(CamaraKeys.AcmeDevice), HttpMethod.Get, $"{CamaraResponse.Subscriptions}/{id}");

        response.AssertError(404, "NOT_FOUND", "The specified resource is not found.");
    }

    private static string Device(Sim sim, string identifier) => identifier switch
    {
        "phoneNumber" => CamaraRequests.Phone(sim),
        "networkAccessIdentifier" => $$"""{"networkAccessIdentifier":"{{sim.Imsi}}@iot.example.com"}""",
        "ipv4Address" => $$$"""{"ipv4Address":{"publicAddress":"{{{sim.Ipv4}}}","publicPort":1234}}""",
        _ => $$"""{"ipv6Address":"{{sim.Ipv6Address}}"}""",
    };
}
