using System.Text.Json;
using ImeiGuard.Core.Enforcement;

namespace ImeiGuard.Oss.Adapters;

/// <summary>
/// TM Forum TMF641 Service Ordering: each command becomes a serviceOrder with one orderItem, action
/// <c>modify</c>, that sets the SIM's service to the block state (default <c>suspended</c>) or the resume
/// state (default <c>active</c>). The idempotency key is the order's <c>externalId</c>. Mapping table in
/// docs/enforcement.md.
/// </summary>
internal sealed class Tmf641Adapter : IOssAdapter
{
    private readonly Tmf641Options _options;

    public Tmf641Adapter(Tmf641Options options) => _options = options;

    public string Name => OssOptions.Tmf641Adapter;

    public string ContentType => "application/json";

    public byte[] CreateBody(OutboxEntry entry)
    {
        var command = JsonSerializer.Deserialize(entry.Payload, OssJsonContext.Default.EnforcementCommand)
            ?? throw new InvalidOperationException($"Outbox entry {entry.Sequence} holds no command");
        return JsonSerializer.SerializeToUtf8Bytes(Map(command), OssJsonContext.Default.Tmf641ServiceOrder);
    }

    internal Tmf641ServiceOrder Map(EnforcementCommand command)
    {
        var block = command.Kind == "block";
        var characteristics = new List<Tmf641Characteristic>();
        Add(characteristics, "imsi", command.Subscriber.Imsi);
        Add(characteristics, "msisdn", command.Subscriber.Msisdn);
        Add(characteristics, "iccid", command.Subscriber.Iccid);
        Add(characteristics, "simLockAction", command.Kind);
        Add(characteristics, "simLockReason", command.Reason);
        Add(characteristics, "boundImei", command.Device?.BoundImei);
        Add(characteristics, "observedImei", command.Device?.ObservedImei);
        Add(characteristics, "imeiGuardCommandId", command.CommandId);

        var service = new Tmf641Service(
            ServiceId(command.Subscriber),
            block ? _options.BlockState : _options.ResumeState,
            characteristics,
            string.IsNullOrEmpty(_options.ServiceSpecificationId) ? null : new Tmf641ServiceSpecificationRef(_options.ServiceSpecificationId));
        var description = block
            ? $"ImeiGuard: suspend SIM service ({command.Reason})"
            : $"ImeiGuard: resume SIM service ({command.Reason})";
        return new Tmf641ServiceOrder(
            command.IdempotencyKey,
            _options.Category,
            description,
            command.CreatedAt,
            [new Tmf641Note("ImeiGuard", command.CreatedAt, description)],
            [new Tmf641OrderItem("1", "modify", service)]);
    }

    private string ServiceId(CommandSubscriber subscriber) => _options.ServiceIdTemplate
        .Replace("{imsi}", subscriber.Imsi, StringComparison.Ordinal)
        .Replace("{msisdn}", subscriber.Msisdn ?? string.Empty, StringComparison.Ordinal)
        .Replace("{iccid}", subscriber.Iccid ?? string.Empty, StringComparison.Ordinal);

    private static void Add(List<Tmf641Characteristic> list, string name, string? value)
    {
        if (value is not null)
        {
            list.Add(new Tmf641Characteristic(name, "string", value));
        }
    }
}
