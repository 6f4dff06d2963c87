using System.Text;
using ImeiGuard.Core.Enforcement;

namespace ImeiGuard.Oss.Adapters;

/// <summary>The default adapter: the stored ImeiGuard command JSON as it is (README "The block command").</summary>
internal sealed class WebhookAdapter : IOssAdapter
{
    public string Name => OssOptions.WebhookAdapter;

    public string ContentType => "application/json";

    public byte[] CreateBody(OutboxEntry entry) => Encoding.UTF8.GetBytes(entry.Payload);
}
