using System.Text.Json;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Oss;
using ImeiGuard.Oss.Adapters;

namespace ImeiGuard.IntegrationTests.Oss;

/// <summary>The TMF641 mapping of block and resume commands (docs/enforcement.md, "TMF641 adapter").</summary>
public sealed class Tmf641AdapterTests
{
    private static readonly EnforcementCommand Block = new()
    {
        CommandId = "0193-block",
        Kind = "block",
        IdempotencyKey = "block:262017745956507:3",
        Reason = "imei_mismatch",
        CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1_732_356_000),
        Subscriber = new CommandSubscriber("262017745956507", "4917509238004", "8949020000012345678"),
        Device = new CommandDevice("864461032077249", "353490066101284", "35349006"),
    };

    [Fact]
    public void CreateBody_Block_ModifiesServiceToSuspendedWithKeyAsExternalId()
    {
        var adapter = new Tmf641Adapter(new Tmf641Options { ServiceIdTemplate = "sim-{iccid}", ServiceSpecificationId = "mobile-data" });

        using var body = JsonDocument.Parse(adapter.CreateBody(Entry(Block)));

        var order = body.RootElement;
        Assert.Equal("ServiceOrder", order.GetProperty("@type").GetString());
        Assert.Equal("block:262017745956507:3", order.GetProperty("externalId").GetString());
        Assert.Equal("SimLock", order.GetProperty("category").GetString());
        var item = Assert.Single(order.GetProperty("orderItem").EnumerateArray());
        Assert.Equal("modify", item.GetProperty("action").GetString());
        var service = item.GetProperty("service");
        Assert.Equal("sim-8949020000012345678", service.GetProperty("id").GetString());
        Assert.Equal("suspended", service.GetProperty("state").GetString());
        Assert.Equal("mobile-data", service.GetProperty("serviceSpecification").GetProperty("id").GetString());
        var characteristics = service.GetProperty("serviceCharacteristic").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("value").GetString());
        Assert.Equal("262017745956507", characteristics["imsi"]);
        Assert.Equal("353490066101284", characteristics["observedImei"]);
        Assert.Equal("imei_mismatch", characteristics["simLockReason"]);
    }

    [Fact]
    public void CreateBody_Resume_RequestsConfiguredActiveState_SameBytesEveryTime()
    {
        var adapter = new Tmf641Adapter(new Tmf641Options { ResumeState = "active" });
        var resume = Entry(Block with { Kind = "resume", IdempotencyKey = "resume:262017745956507:3", Reason = "admin_reset" });

        var first = adapter.CreateBody(resume);

        Assert.Equal(first, adapter.CreateBody(resume));
        using var body = JsonDocument.Parse(first);
        var service = body.RootElement.GetProperty("orderItem")[0].GetProperty("service");
        Assert.Equal("active", service.GetProperty("state").GetString());
        Assert.Equal("262017745956507", service.GetProperty("id").GetString());
    }

    private static OutboxEntry Entry(EnforcementCommand command) => new()
    {
        CommandId = command.CommandId,
        Kind = command.Kind,
        IdempotencyKey = command.IdempotencyKey,
        Payload = JsonSerializer.Serialize(command, OssJsonContext.Default.EnforcementCommand),
    };
}
