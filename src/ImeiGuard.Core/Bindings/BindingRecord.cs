using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// The persisted form of one SIM's binding: an immutable snapshot, read by the control plane and
/// written by the store. The hot path works on <see cref="BindingEntry"/> instead.
/// </summary>
public sealed record BindingRecord
{
    public required Imsi Imsi { get; init; }

    public LockState State { get; init; }

    /// <summary>The paired device, empty while Armed or Disabled.</summary>
    public Imei BoundImei { get; init; }

    /// <summary>The device that caused the current violation, empty unless Violated.</summary>
    public Imei ViolatingImei { get; init; }

    /// <summary>Counts violation episodes; part of the block command's idempotency key.</summary>
    public long Episode { get; init; }

    /// <summary>When the bound device was first seen (the pairing).</summary>
    public Sighting FirstSeen { get; init; }

    /// <summary>The latest sighting of this SIM, whatever the device.</summary>
    public Sighting LastSeen { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
