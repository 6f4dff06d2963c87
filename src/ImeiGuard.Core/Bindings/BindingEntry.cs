using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// A handle to one SIM's binding in <see cref="BindingTable"/>: the chunk holding its <see cref="BindingSlot"/>, the
/// slot's place in it, and the striped lock that guards it. Slots never move, so a handle stays valid without a lock;
/// everything it reads or writes but <see cref="Imsi"/> must happen under <see cref="Gate"/>, which serialises the
/// decisions and admin actions of the SIM (and of the other SIMs on its stripe). Recording the last sighting writes
/// the slot in place and allocates nothing.
/// </summary>
internal readonly struct BindingEntry
{
    private readonly BindingSlot[] _chunk;
    private readonly int _offset;
    private readonly Lock _gate;

    public BindingEntry(BindingSlot[] chunk, int offset, Lock gate)
    {
        _chunk = chunk;
        _offset = offset;
        _gate = gate;
    }

    private ref BindingSlot Slot => ref _chunk[_offset];

    /// <summary>Written once before the slot was published, so readable without the lock.</summary>
    public Imsi Imsi => Imsi.FromPacked(Slot.Key);

    /// <summary>Serialises decisions and admin actions for this SIM.</summary>
    public Lock Gate => _gate;

    /// <summary>Read under <see cref="Gate"/>.</summary>
    public LockStatus Status
    {
        get
        {
            ref var slot = ref Slot;
            var extras = slot.Extras;
            return extras is null
                ? new LockStatus(slot.State, slot.BoundImei, default, 0) { AlertOnly = (slot.Flags & BindingSlot.FlagAlertOnly) != 0 }
                : new LockStatus(slot.State, slot.BoundImei, extras.ViolatingImei, extras.Episode)
                {
                    AlertOnly = (slot.Flags & BindingSlot.FlagAlertOnly) != 0,
                    EpisodeAtMs = extras.EpisodeAtMs,
                };
        }
    }

    /// <summary>Read under <see cref="Gate"/>: the stored version this entry was loaded from.</summary>
    public long Version => Slot.Version;

    /// <summary>Read under <see cref="Gate"/>; null for most SIMs (first-IMEI lock, global policy).</summary>
    public DeviceRules? Rules => Slot.Extras?.Rules;

    /// <summary>The owning tenant's policy override, resolved when the entry is made or the SIM's tenant changes; null for most SIMs.</summary>
    public PolicyOverride? TenantPolicy
    {
        get => Slot.Extras?.TenantPolicy;
        set
        {
            ref var slot = ref Slot;
            var extras = slot.Extras;
            slot.Extras = BindingExtras.For(extras, extras?.Rules, value, extras?.ViolatingImei ?? default, extras?.Episode ?? 0, extras?.EpisodeAtMs ?? 0);
        }
    }

    /// <summary>
    /// Records a sighting that changes no state; the write-behind flushes it later. A sighting that repeats the stored
    /// one (same device, location and NAS) less than <paramref name="resolutionMs"/> after it is not recorded at all:
    /// the slot then still equals the stored row, so the next sighting is measured against what was written, and a
    /// SIM reporting every few seconds costs one row per resolution instead of one per flush.
    /// </summary>
    public void Touch(in Sighting sighting, long resolutionMs)
    {
        ref var slot = ref Slot;
        var packed = new PackedSighting(sighting);
        if ((slot.Flags & BindingSlot.FlagSightingDirty) == 0
            && sighting.AtUnixMs - slot.LastSeen.AtUnixMs < resolutionMs
            && packed.SameDeviceAndPlace(slot.LastSeen))
        {
            return;
        }

        slot.LastSeen = packed;
        slot.Flags |= BindingSlot.FlagSightingDirty;
    }

    /// <summary>A flush that failed hands its sighting back, unless a later one was recorded meanwhile.</summary>
    public void MarkSightingDirty(in Sighting sighting)
    {
        lock (_gate)
        {
            ref var slot = ref Slot;
            if ((slot.Flags & BindingSlot.FlagSightingDirty) == 0 && slot.LastSeen.AtUnixMs == sighting.AtUnixMs)
            {
                slot.Flags |= BindingSlot.FlagSightingDirty;
            }
        }
    }

    /// <summary>Fills a slot that no reader can see yet: from <paramref name="record"/>, or empty when it is null.</summary>
    public static void Initialise(ref BindingSlot slot, ulong key, BindingRecord? record, PolicyOverride? tenantPolicy)
    {
        slot = default;
        slot.Key = key;
        slot.Extras = BindingExtras.For(null, null, tenantPolicy, default, 0, 0);
        if (record is not null)
        {
            LoadInto(ref slot, record);
        }
    }

    /// <summary>Adopts a record that the store has durably written.</summary>
    public void Load(BindingRecord record) => LoadInto(ref Slot, record);

    /// <summary>Every field but the key, the tenant policy (which no record carries) and the first sighting (which the table does not keep).</summary>
    private static void LoadInto(ref BindingSlot slot, BindingRecord record)
    {
        slot.State = record.State;
        slot.BoundImei = record.BoundImei;
        slot.Flags = record.AlertOnly ? BindingSlot.FlagAlertOnly : (byte)0;
        slot.Extras = BindingExtras.For(slot.Extras, record.Rules, slot.Extras?.TenantPolicy, record.ViolatingImei, record.Episode, record.EpisodeAtMs);
        slot.LastSeen = new PackedSighting(record.LastSeen);
        slot.UpdatedAtTicks = record.UpdatedAt.UtcTicks;
        slot.Version = record.Version;
    }

    /// <summary>
    /// Adopts a record written elsewhere (another instance, read back from a shared store) when it is newer
    /// than what this entry holds. A last sighting recorded here and not yet flushed is kept when it is later.
    /// </summary>
    public bool Refresh(BindingRecord record)
    {
        lock (_gate)
        {
            ref var slot = ref Slot;
            if (record.Version < slot.Version)
            {
                return false;
            }

            var lastSeen = slot.LastSeen;
            var dirty = (slot.Flags & BindingSlot.FlagSightingDirty) != 0;
            Load(record);
            if (dirty && lastSeen.AtUnixMs > slot.LastSeen.AtUnixMs)
            {
                slot.LastSeen = lastSeen;
                slot.Flags |= BindingSlot.FlagSightingDirty;
            }

            return true;
        }
    }

    /// <summary>An immutable copy. Takes the lock, so the fields are consistent.</summary>
    public BindingRecord Snapshot()
    {
        lock (_gate)
        {
            return ToRecordUnlocked();
        }
    }

    /// <summary>Returns a snapshot if the last sighting changed since the previous call, and clears the mark.</summary>
    public BindingRecord? TakeDirtySighting()
    {
        lock (_gate)
        {
            ref var slot = ref Slot;
            if ((slot.Flags & BindingSlot.FlagSightingDirty) == 0)
            {
                return null;
            }

            slot.Flags &= unchecked((byte)~BindingSlot.FlagSightingDirty);
            return ToRecordUnlocked();
        }
    }

    /// <summary>The binding as the table holds it: <see cref="BindingRecord.FirstSeen"/> is null (the store keeps it).</summary>
    public BindingRecord ToRecordUnlocked()
    {
        ref var slot = ref Slot;
        var extras = slot.Extras;
        return new()
        {
            Imsi = Imsi.FromPacked(slot.Key),
            State = slot.State,
            BoundImei = slot.BoundImei,
            ViolatingImei = extras?.ViolatingImei ?? default,
            Episode = extras?.Episode ?? 0,
            AlertOnly = (slot.Flags & BindingSlot.FlagAlertOnly) != 0,
            EpisodeAtMs = extras?.EpisodeAtMs ?? 0,
            Rules = extras?.Rules,
            LastSeen = slot.LastSeen.ToSighting(),
            UpdatedAt = new DateTimeOffset(slot.UpdatedAtTicks, TimeSpan.Zero),
            Version = slot.Version,
        };
    }
}
