using System.Net.Http.Headers;
using ImeiGuard.Core.Enforcement;

namespace ImeiGuard.Oss.Adapters;

/// <summary>The HTTP request of one delivery attempt: body from the adapter, the same headers for every adapter.</summary>
internal static class OssRequest
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string CommandHeader = "X-ImeiGuard-Command";

    /// <summary>POST <paramref name="url"/> with Idempotency-Key, X-ImeiGuard-Command and, when a signer is set, X-ImeiGuard-Signature.</summary>
    public static HttpRequestMessage Create(Uri url, OutboxEntry entry, byte[] body, string contentType, WebhookSigner? signer, DateTimeOffset now)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add(IdempotencyKeyHeader, entry.IdempotencyKey);
        request.Headers.Add(CommandHeader, entry.Kind);
        if (signer is not null)
        {
            request.Headers.Add(WebhookSigner.HeaderName, signer.Sign(body, now.ToUnixTimeSeconds()));
        }

        return request;
    }
}
