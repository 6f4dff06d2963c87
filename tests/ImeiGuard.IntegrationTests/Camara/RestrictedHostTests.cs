using ImeiGuard.IntegrationTests.Camara.Infrastructure;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>A daemon that accepts only phone numbers as Device identifiers and 5 CAMARA requests per caller and minute.</summary>
public sealed class RestrictedCamaraHost : CamaraHost
{
    public const int Permits = 5;

    protected override object CamaraSettings(string sinkCertificate) => new
    {
        DeviceIdentifiers = (string[])["phoneNumber"],
        RateLimitPermits = Permits,
        RateLimitWindow = "00:01:00",
        Notifications = new { TrustedCertificatesPath = sinkCertificate },
    };
}

/// <summary>UNSUPPORTED_IDENTIFIER for identifier kinds the operator switched off, and the per-caller rate limit (429) over both APIs.</summary>
public sealed class RestrictedHostTests(RestrictedCamaraHost host) : IClassFixture<RestrictedCamaraHost>
{
    [Theory]
    [InlineData(CamaraOperation.Bind)]
    [InlineData(CamaraOperation.Unbind)]
    [InlineData(CamaraOperation.Query)]
    [InlineData(CamaraOperation.Subscribe)]
    public async Task Device_OnlyIdentifiersTheOperatorDoesNotAccept_422UnsupportedIdentifier(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(host.Client(CamaraKeys.Acme), operation, """{"ipv4Address":{"publicAddress":"203.0.113.7","publicPort":80},"ipv6Address":"2001:db8::1"}"""))
            .AssertError(422, "UNSUPPORTED_IDENTIFIER", "None of the provided identifiers is supported by the implementation.");

    [Fact]
    public async Task Requests_BeyondTheLimitOfOneCaller_429TooManyRequestsOnBothApisOthersUnaffected()
    {
        var burst = host.Client(CamaraKeys.Globex);
        var operations = (CamaraOperation[])[CamaraOperation.Bind, CamaraOperation.Unbind, CamaraOperation.Query, CamaraOperation.Subscribe];
        for (var i = 0; i < RestrictedCamaraHost.Permits; i++)
        {
            Assert.NotEqual(429, (await CamaraRequests.SendAsync(burst, operations[i % operations.Length], null)).Status);
        }

        var limited = await CamaraResponse.SendAsync(burst, HttpMethod.Get, CamaraResponse.Subscriptions);

        limited.AssertError(429, "TOO_MANY_REQUESTS", "Rejected due to request rate limit overpassed.");
        Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(429, (await CamaraRequests.SendAsync(burst, CamaraOperation.Bind, null)).Status);
        Assert.NotEqual(429, (await CamaraRequests.SendAsync(host.Client(CamaraKeys.Operator), CamaraOperation.Query, null)).Status);
    }
}
