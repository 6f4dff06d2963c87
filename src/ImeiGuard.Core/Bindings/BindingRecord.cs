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

    /// <summary>The current violation was recorded under the alert policy (no block was sent).</summary>
    public bool AlertOnly { get; init; }

    /// <summary>When the current or last violation episode started, Unix ms; 0 when none.</summary>
    public long EpisodeAtMs { get; init; }

    /// <summary>Explicit device rules and policy override; null for a first-IMEI lock under the global policy.</summary>
    public DeviceRules? Rules { get; init; }

    /// <summary>
    /// When the bound device was first seen (the pairing). A store's record always has it (empty when never paired);
    /// the binding table does not keep it, so a record the table made has null, and a store keeps the stored one
    /// when it writes a record with null: only a pairing (traffic, or a CAMARA bind) sets it.
    /// </summary>
    public Sighting? FirstSeen { get; init; }

    /// <summary>The latest sighting of this SIM, whatever the device.</summary>
    public Sighting LastSeen { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// Counts durable writes of the state or rules; 0 = never written. A store writes a record only when the
    /// stored version is <c>Version - 1</c> (compare-and-set), so two instances deciding on one SIM from
    /// stale copies cannot both win: the loser gets a <see cref="BindingConflictException"/> with the winner's record.
    /// </summary>
    public long Version { get; init; }
}
