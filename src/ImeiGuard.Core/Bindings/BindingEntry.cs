using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// The hot-path form of one SIM's binding: mutable, updated in place under its own lock so that
/// recording the last sighting allocates nothing and observations of one SIM are decided one at a time.
/// </summary>
public sealed class BindingEntry
{
    private readonly Lock _gate = new();
    private LockStatus _status;
    private DeviceRules? _rules;
    private PolicyOverride? _tenantPolicy;
    private Sighting _firstSeen;
    private Sighting _lastSeen;
    private DateTimeOffset _updatedAt;
    private bool _sightingDirty;
    private long _version;

    public BindingEntry(Imsi imsi) => Imsi = imsi;

    public BindingEntry(BindingRecord record)
        : this(record.Imsi) => Load(record);

    public Imsi Imsi { get; }

    /// <summary>Serialises decisions and admin actions for this SIM.</summary>
    internal Lock Gate => _gate;

    /// <summary>Read under <see cref="Gate"/>.</summary>
    internal LockStatus Status => _status;

    internal Sighting FirstSeen => _firstSeen;

    /// <summary>Read under <see cref="Gate"/>: the stored version this entry was loaded from.</summary>
    internal long Version => _version;

    /// <summary>Read under <see cref="Gate"/>; null for most SIMs (first-IMEI lock, global policy).</summary>
    internal DeviceRules? Rules => _rules;

    /// <summary>The owning tenant's policy override, resolved when the entry is made or the SIM's tenant changes; null for most SIMs.</summary>
    internal PolicyOverride? TenantPolicy
    {
        get => _tenantPolicy;
        set => _tenantPolicy = value;
    }

    /// <summary>Records a sighting that changes no state; flushed later by the write-behind.</summary>
    internal void Touch(in Sighting sighting)
    {
        _lastSeen = sighting;
        _sightingDirty = true;
    }

    /// <summary>A flush that failed hands its sighting back, unless a later one was recorded meanwhile.</summary>
    internal void MarkSightingDirty(in Sighting sighting)
    {
        lock (_gate)
        {
            if (!_sightingDirty && _lastSeen.AtUnixMs == sighting.AtUnixMs)
            {
                _sightingDirty = true;
            }
        }
    }

    /// <summary>Adopts a record that the store has durably written.</summary>
    internal void Load(BindingRecord record)
    {
        _status = new LockStatus(record.State, record.BoundImei, record.ViolatingImei, record.Episode)
        {
            AlertOnly = record.AlertOnly,
            EpisodeAtMs = record.EpisodeAtMs,
        };
        _rules = record.Rules;
        _firstSeen = record.FirstSeen;
        _lastSeen = record.LastSeen;
        _updatedAt = record.UpdatedAt;
        _version = record.Version;
        _sightingDirty = false;
    }

    /// <summary>
    /// Adopts a record written elsewhere (another instance, read back from a shared store) when it is newer
    /// than what this entry holds. A last sighting recorded here and not yet flushed is kept when it is later.
    /// </summary>
    internal bool Refresh(BindingRecord record)
    {
        lock (_gate)
        {
            if (record.Version < _version)
            {
                return false;
            }

            var lastSeen = _lastSeen;
            var dirty = _sightingDirty;
            Load(record);
            if (dirty && lastSeen.AtUnixMs > _lastSeen.AtUnixMs)
            {
                _lastSeen = lastSeen;
                _sightingDirty = true;
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
    internal BindingRecord? TakeDirtySighting()
    {
        lock (_gate)
        {
            if (!_sightingDirty)
            {
                return null;
            }

            _sightingDirty = false;
            return ToRecordUnlocked();
        }
    }

    internal BindingRecord ToRecordUnlocked() => new()
    {
        Imsi = Imsi,
        State = _status.State,
        BoundImei = _status.BoundImei,
        ViolatingImei = _status.ViolatingImei,
        Episode = _status.Episode,
        AlertOnly = _status.AlertOnly,
        EpisodeAtMs = _status.EpisodeAtMs,
        Rules = _rules,
        FirstSeen = _firstSeen,
        LastSeen = _lastSeen,
        UpdatedAt = _updatedAt,
        Version = _version,
    };
}
