namespace ImeiGuard.Core.Subscribers;

/// <summary>The other identifiers of a SIM, when known.</summary>
public sealed record SubscriberAliases(string? Msisdn, string? Iccid)
{
    public static SubscriberAliases None { get; } = new(null, null);
}
