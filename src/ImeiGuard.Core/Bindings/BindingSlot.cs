using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// One SIM's binding as <see cref="BindingTable"/> stores it: a struct inside a chunk array, 96 bytes, no object of
/// its own. Everything but <see cref="Key"/> is read and written only under the SIM's stripe lock (through
/// <see cref="BindingEntry"/>); <see cref="Key"/> is written once, before the slot is published in the index.
/// </summary>
/// <remarks>
/// Layout (the runtime orders fields of a struct holding a reference itself; sizes add up without padding but the
/// last 6 bytes): Key 8, Version 8, UpdatedAtTicks 8, BoundImei 8, LastSeen 48, Extras 8, State 1, Flags 1.
/// What the old per-SIM object also held and this does not: an object header (16), a Lock (40 + a reference),
/// the IMSI again (the key is it), the violation fields and the rules and tenant references (in
/// <see cref="BindingExtras"/>, null for most SIMs), 24 bytes per sighting (padding, and PLMNs as 4-byte keys),
/// 8 of a DateTimeOffset, and the first sighting (48): no verdict needs it, so only the store keeps it
/// (<see cref="IBindingStore"/>) and <see cref="BindingEnforcer.Find"/> reads it from there.
/// </remarks>
internal struct BindingSlot
{
    public const byte FlagAlertOnly = 1, FlagSightingDirty = 2;

    /// <summary>The packed IMSI; 0 only in a slot never handed out.</summary>
    public ulong Key;

    /// <summary>The stored version this slot was loaded from (see <see cref="BindingRecord.Version"/>).</summary>
    public long Version;

    /// <summary><see cref="BindingRecord.UpdatedAt"/> as UTC ticks: DateTimeOffsets compare as instants, so the offset is not kept.</summary>
    public long UpdatedAtTicks;

    public Imei BoundImei;

    public PackedSighting LastSeen;

    /// <summary>Rules, tenant policy and violation episode; null for most SIMs.</summary>
    public BindingExtras? Extras;

    public LockState State;

    /// <summary><see cref="FlagAlertOnly"/>, <see cref="FlagSightingDirty"/>.</summary>
    public byte Flags;
}
