using ImeiGuard.IntegrationTests.Camara.Infrastructure;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>A daemon that accepts only phone numbers as Device identifiers and 3 CAMARA requests per caller and minute.</summary>
public sealed class RestrictedCamaraHost : CamaraHost
{
    protected override object CamaraSettings(string sinkCertificate) => new
    {
        DeviceIdentifiers = (string[])["phoneNumber"],
        RateLimitPermits = 3,
        RateLimitWindow = "00:01:00",
        Notifications = new { TrustedCertificatesPath = sinkCertificate },
    };
}

/// <summary>UNSUPPORTED_IDENTIFIER for identifier kinds the operator switched off, and the per-caller rate limit (429).</summary>
public sealed class RestrictedHostTests(RestrictedCamaraHost host) : IClassFixture<RestrictedCamaraHost>
{
    [Fact]
    public async Task Query_OnlyIdentifiersTheOperatorDoesNotAccept_422UnsupportedIdentifier() =>
        (await CamaraRequests.SendAsync(host.Client(CamaraKeys.Acme), CamaraOperation.Query, """{"ipv4Address":{"publicAddress":"203.0.113.7","publicPort":80}}"""))
            .AssertError(422, "UNSUPPORTED_IDENTIFIER", "None of the provided identifiers is supported by the implementation.");

    [Fact]
    public async Task Query_MoreThanTheLimitFromOneCaller_429TooManyRequestsOthersUnaffected()
    {
        var burst = host.Client(CamaraKeys.Globex);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(429, (await CamaraRequests.SendAsync(burst, CamaraOperation.Query, null)).Status);
        }

        var limited = await CamaraRequests.SendAsync(burst, CamaraOperation.Query, null);

        limited.AssertError(429, "TOO_MANY_REQUESTS", "Rejected due to request rate limit overpassed.");
        Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotEqual(429, (await CamaraRequests.SendAsync(host.Client(CamaraKeys.Operator), CamaraOperation.Query, null)).Status);
    }
}
