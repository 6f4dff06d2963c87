using System.Text.Json.Serialization;

namespace ImeiGuard.Oss.Adapters;

/// <summary>TMF641 ServiceOrder_Create (v4.0 field names), only the members ImeiGuard fills.</summary>
internal sealed record Tmf641ServiceOrder(
    string ExternalId,
    string? Category,
    string Description,
    DateTimeOffset RequestedStartDate,
    IReadOnlyList<Tmf641Note> Note,
    IReadOnlyList<Tmf641OrderItem> OrderItem)
{
    [JsonPropertyName("@type")]
    public string Type { get; init; } = "ServiceOrder";
}

/// <summary>A ServiceOrderItem: one action on one service.</summary>
internal sealed record Tmf641OrderItem(string Id, string Action, Tmf641Service Service)
{
    [JsonPropertyName("@type")]
    public string Type { get; init; } = "ServiceOrderItem";
}

/// <summary>ServiceRefOrValue: the SIM's service, its target state and the evidence as characteristics.</summary>
internal sealed record Tmf641Service(
    string Id,
    string State,
    IReadOnlyList<Tmf641Characteristic> ServiceCharacteristic,
    Tmf641ServiceSpecificationRef? ServiceSpecification)
{
    [JsonPropertyName("@type")]
    public string Type { get; init; } = "Service";
}

/// <summary>A Characteristic (name, valueType, value).</summary>
internal sealed record Tmf641Characteristic(string Name, string ValueType, string Value);

/// <summary>ServiceSpecificationRef.</summary>
internal sealed record Tmf641ServiceSpecificationRef(string Id);

/// <summary>A Note on the order.</summary>
internal sealed record Tmf641Note(string Author, DateTimeOffset Date, string Text);
