using System.Security.Cryptography;
using System.Text;
using ImeiGuard.Oss.Adapters;

namespace ImeiGuard.IntegrationTests.Oss;

/// <summary>The X-ImeiGuard-Signature header as a receiver checks it.</summary>
public sealed class WebhookSignerTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec-unit");
    private static readonly byte[] Body = """{"kind":"block"}"""u8.ToArray();
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_732_356_000);

    [Fact]
    public void Sign_IsHmacSha256OverTimestampDotBody()
    {
        var header = new WebhookSigner(Secret).Sign(Body, Now.ToUnixTimeSeconds());

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Secret, (byte[])[.. "1732356000."u8, .. Body]));
        Assert.Equal($"t=1732356000,v1={expected}", header);
        Assert.True(WebhookSigner.Verify(header, Body, Secret, Now, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("other-secret", 0, false)]
    [InlineData("whsec-unit", 600, false)]
    [InlineData("whsec-unit", 0, true)]
    public void Verify_RejectsWrongSecretTamperedBodyAndStaleTimestamp(string secret, int ageSeconds, bool tamper)
    {
        var header = new WebhookSigner(Encoding.UTF8.GetBytes(secret)).Sign(Body, Now.ToUnixTimeSeconds() - ageSeconds);
        var body = tamper ? """{"kind":"resume"}"""u8.ToArray() : Body;

        Assert.False(WebhookSigner.Verify(header, body, Secret, Now, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t=abc,v1=00")]
    [InlineData("t=1732356000,v1=zz")]
    [InlineData("v1=00")]
    public void Verify_MalformedHeader_IsFalse(string? header) =>
        Assert.False(WebhookSigner.Verify(header, Body, Secret, Now, TimeSpan.FromMinutes(5)));
}
