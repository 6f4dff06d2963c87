using ImeiGuard.Core.Enforcement;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Metrics;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// Holds every binding in memory and applies <see cref="BindingRules"/> to observations and admin actions.
/// A state change is written to the store (with its commands, in one transaction) BEFORE the in-memory
/// entry changes: if the write fails nothing is acted on, and the next observation decides again.
/// SIMs without a binding cost one lookup in the table's index (<see cref="BindingTable"/>).
/// </summary>
public sealed class BindingEnforcer
{
    private readonly BindingTable _table = new();
    private readonly IBindingStore _store;
    private readonly ISubscriberDirectory _directory;
    private readonly TimeProvider _time;
    private readonly ImeiGuardMetrics? _metrics;
    private readonly BindingPolicy _policy;
    private readonly int _rebindLimit;
    private CellDatabase? _cells;
    private readonly TimeSpan _rebindPeriod;
    private readonly long _lastSeenResolutionMs;
    private readonly IDeferredDecisions? _deferred;

    // A conflict means another instance wrote first; after adopting its record the verdict is taken again.
    // More than a few in a row would be a livelock, so the last one is reported as the store's error.
    private const int MaxConflictRetries = 3;

    private readonly TenantPolicies _tenantPolicies;

    /// <param name="store">Durable bindings.</param>
    /// <param name="directory">MSISDN/ICCID aliases for commands.</param>
    /// <param name="time">Clock for admin actions and command times.</param>
    /// <param name="metrics">Counters, optional.</param>
    /// <param name="policy">The global policy; <see cref="BindingPolicy.Default"/> when null.</param>
    /// <param name="rebindLimit">Most RESETs per SIM within <paramref name="rebindPeriod"/>; 0 = no quota (the default).</param>
    /// <param name="rebindPeriod">The quota's sliding window.</param>
    /// <param name="cells">Cell positions for CIRCLE areas; null when none was imported (circles then see an unknown location).</param>
    /// <param name="deferred">
    /// Set when the table is only a near-cache of a shared store: misses and transitions the store could not
    /// take go there. Null (the embedded store) means the table holds every binding and a miss is not enforced.
    /// </param>
    /// <param name="tenantPolicies">Per-tenant overrides between the global policy and a SIM's own; none when null.</param>
    /// <param name="lastSeenResolution">
    /// A sighting on the same device and at the same place as the stored last one is written only once the stored one
    /// is this old; a change of device, location or NAS is written at the next flush. Zero writes every sighting.
    /// </param>
    public BindingEnforcer(
        IBindingStore store, ISubscriberDirectory directory, TimeProvider time, ImeiGuardMetrics? metrics = null, BindingPolicy? policy = null,
        int rebindLimit = 0, TimeSpan rebindPeriod = default, CellDatabase? cells = null, IDeferredDecisions? deferred = null,
        TenantPolicies? tenantPolicies = null, TimeSpan lastSeenResolution = default)
    {
        _lastSeenResolutionMs = (long)lastSeenResolution.TotalMilliseconds;
        _deferred = deferred;
        _tenantPolicies = tenantPolicies ?? TenantPolicies.None;
        directory.TenantChanged += RefreshTenantPolicy;
        _cells = cells;
        _rebindLimit = rebindLimit;
        _rebindPeriod = rebindPeriod;
        _store = store;
        _directory = directory;
        _time = time;
        _metrics = metrics;
        _policy = policy ?? BindingPolicy.Default;
    }

    /// <summary>The cell database CIRCLE areas are decided with; null when none was imported.</summary>
    public CellDatabase? Cells => Volatile.Read(ref _cells);

    /// <summary>
    /// Swaps in a newly imported cell database. Decisions in flight finish with the one they read; the next
    /// packet sees the new one, so an import never pauses the receive path.
    /// </summary>
    public void ReplaceCells(CellDatabase cells) => Volatile.Write(ref _cells, cells);

    /// <summary>The global policy (options <c>ImeiGuard:Policy</c>); a SIM's rules may override it.</summary>
    public BindingPolicy Policy => _policy;

    /// <summary>Number of SIMs with a binding record (any state).</summary>
    public int Count => _table.Count;

    /// <summary>Fills the table from the store. Call once at startup.</summary>
    public void Load()
    {
        var records = _store.LoadAll();
        _table.Reserve(records.Count);
        foreach (var record in records)
        {
            var tenantPolicy = TenantPolicyOf(record.Imsi);
            var entry = _table.GetOrAdd(record.Imsi.Packed, record, tenantPolicy, out var added);
            if (!added)
            {
                lock (entry.Gate)
                {
                    entry.Load(record);
                    entry.TenantPolicy = tenantPolicy;
                }
            }
        }
    }

    /// <summary>Checks one observation. Throws only when the store fails during a transition.</summary>
    public VerdictKind Observe(in Observation observation)
    {
        if (!_table.TryFind(observation.Imsi.Packed, out var entry))
        {
            _metrics?.LookupMiss.Inc();
            return _deferred is null ? VerdictKind.NotEnforced : _deferred.OnMiss(observation);
        }

        _metrics?.LookupHit.Inc();
        if (_deferred is not null)
        {
            _metrics?.NearCacheHit.Inc();
        }

        var sighting = new Sighting
        {
            AtUnixMs = observation.AtUnixMs,
            Imei = observation.Pei.Device,
            Location = observation.Location,
            NasIp = observation.NasIp,
        };

        lock (entry.Gate)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return DecideUnlocked(entry, observation, sighting);
                }
                catch (BindingConflictException conflict) when (attempt < MaxConflictRetries)
                {
                    entry.Load(conflict.Current ?? new BindingRecord { Imsi = observation.Imsi });
                }
                catch (StoreUnavailableException) when (_deferred is not null && _deferred.TryDeferUntilStoreReturns(observation))
                {
                    return VerdictKind.Deferred;
                }
            }
        }
    }

    /// <summary>One verdict under the entry's lock; a transition is written before the entry changes.</summary>
    private VerdictKind DecideUnlocked(BindingEntry entry, in Observation observation, in Sighting sighting)
    {
        var current = entry.Status;
        var rules = entry.Rules;

        // Most SIMs have neither a tenant nor a SIM override: the global policy is used as is.
        var policy = BindingPolicy.Resolve(_policy, entry.TenantPolicy, rules?.Policy);
        // Only SIMs with CIRCLE areas look the serving cell up.
        var position = default(GeoPoint);
        var hasPosition = rules?.Regions is { NeedsPosition: true } && Volatile.Read(ref _cells) is { } cells && cells.TryLocate(observation.Location, out position);
        var verdict = BindingRules.Decide(current, observation.Pei.Device, observation.Location, hasPosition, position, rules, policy, observation.AtUnixMs);
        if (verdict.IsTransition)
        {
            var now = _time.GetUtcNow();
            var record = entry.ToRecordUnlocked() with
            {
                State = verdict.Next.State,
                BoundImei = verdict.Next.BoundImei,
                ViolatingImei = verdict.Next.ViolatingImei,
                Episode = verdict.Next.Episode,
                AlertOnly = verdict.Next.AlertOnly,
                EpisodeAtMs = verdict.Next.EpisodeAtMs,
                // Null keeps the stored first sighting: only a pairing writes one.
                FirstSeen = verdict.Kind == VerdictKind.Paired ? sighting : null,
                LastSeen = sighting,
                UpdatedAt = now,
                Version = entry.Version + 1,
            };
            OutboxEntry[] commands = verdict.EmitsBlock
                ? [CommandFactory.Block(verdict.Next, observation.Imsi, observation, _directory.GetAliases(observation.Imsi), now, verdict.Cause)]
                : verdict.Kind == VerdictKind.Resumed && !current.AlertOnly
                    ? [CommandFactory.Resume(current, observation.Imsi, "auto_resume", _directory.GetAliases(observation.Imsi), now)]
                    : [];
            CountClones(_store.SaveTransition(record, commands, ToEvent(verdict, current, observation)));
            entry.Load(record);
            if (commands.Length > 0)
            {
                (verdict.EmitsBlock ? _metrics?.CommandsCreatedBlock : _metrics?.CommandsCreatedResume)?.Inc();
            }
        }
        else if (verdict.Kind != VerdictKind.NotEnforced)
        {
            entry.Touch(sighting, _lastSeenResolutionMs);
        }

        return verdict.Kind;
    }

    /// <summary>Applies an admin action durably and returns the binding after it (without the first sighting, which it keeps).</summary>
    public BindingRecord Apply(Imsi imsi, LockAction action)
    {
        var entry = GetOrAddEntry(imsi);
        return WriteUnderLock(entry, imsi, () => ApplyUnlocked(entry, imsi, action));
    }

    private BindingRecord ApplyUnlocked(BindingEntry entry, Imsi imsi, LockAction action)
    {
        var current = entry.Status;
        var outcome = BindingRules.Apply(current, action);
        if (!outcome.Changed)
        {
            return entry.ToRecordUnlocked();
        }

        var now = _time.GetUtcNow();
        if (action == LockAction.Reset && _rebindLimit > 0
            && _store.CountEvents(imsi, "reset", (now - _rebindPeriod).ToUnixTimeMilliseconds()) >= _rebindLimit)
        {
            throw new RebindQuotaExceededException($"At most {_rebindLimit} RESETs per {_rebindPeriod}; DISABLE and ENABLE still work");
        }

        var record = entry.ToRecordUnlocked() with
        {
            State = outcome.Next.State,
            BoundImei = outcome.Next.BoundImei,
            ViolatingImei = outcome.Next.ViolatingImei,
            Episode = outcome.Next.Episode,
            AlertOnly = outcome.Next.AlertOnly,
            EpisodeAtMs = outcome.Next.EpisodeAtMs,
            UpdatedAt = now,
            Version = entry.Version + 1,
        };
        OutboxEntry[] commands = outcome.EmitsResume
            ? [CommandFactory.Resume(current, imsi, action, _directory.GetAliases(imsi), now)]
            : [];
        var name = action switch { LockAction.Enable => "enable", LockAction.Reset => "reset", _ => "disable" };
        _store.SaveTransition(record, commands, new BindingEvent(now.ToUnixTimeMilliseconds(), name, current.BoundImei, current.ViolatingImei, record.Episode));
        entry.Load(record);
        if (commands.Length > 0)
        {
            _metrics?.CommandsCreatedResume.Inc();
        }

        return record;
    }

    /// <summary>
    /// Replaces a SIM's device rules and policy override durably (null: back to first-IMEI under the
    /// global policy). The state and the first sighting are kept; the rules apply from the next observation.
    /// </summary>
    public BindingRecord SetRules(Imsi imsi, DeviceRules? rules)
    {
        var entry = GetOrAddEntry(imsi);
        return WriteUnderLock(entry, imsi, () =>
        {
            var record = entry.ToRecordUnlocked() with { Rules = rules, UpdatedAt = _time.GetUtcNow(), Version = entry.Version + 1 };
            _store.SaveRules(record, new BindingEvent(record.UpdatedAt.ToUnixTimeMilliseconds(), "rules_changed", default, default, record.Episode));
            entry.Load(record);
            return record;
        });
    }

    /// <summary>
    /// Takes a binding read from a shared store (a near-cache fill or refresh) into the table, unless the
    /// table already holds a newer version of it.
    /// </summary>
    public void Adopt(BindingRecord record)
    {
        if (_table.TryFind(record.Imsi.Packed, out var entry))
        {
            entry.Refresh(record);
            return;
        }

        entry = _table.GetOrAdd(record.Imsi.Packed, record, TenantPolicyOf(record.Imsi), out var added);
        if (!added)
        {
            entry.Refresh(record);
        }
    }

    /// <summary>
    /// An admin action on a near-cache decides on the stored binding, not on a copy an invalidation may not have
    /// reached yet: a RESET judged on a stale ARMED copy would be a silent no-op. The control plane's path, so one
    /// round-trip is fine; the embedded store's table is always current.
    /// </summary>
    private void RefreshFromSharedStore(BindingEntry entry, Imsi imsi)
    {
        if (_deferred is not null && _store.Find(imsi) is { } stored)
        {
            entry.Refresh(stored);
        }
    }

    /// <summary>True when the table holds the SIM (a near-cache decides it without the store).</summary>
    public bool Holds(Imsi imsi) => _table.TryFind(imsi.Packed, out _);

    /// <summary>The SIMs the table holds, for a near-cache to refresh them all after it may have missed invalidations.</summary>
    public IEnumerable<Imsi> HeldSims()
    {
        foreach (var entry in _table.Entries())
        {
            yield return entry.Imsi;
        }
    }

    /// <summary>
    /// Replaces a SIM's state, bound device and rules in one durable write, for callers that manage a SIM's whole
    /// configuration (the CAMARA bind and unbind). <paramref name="plan"/> runs under the SIM's lock with the current
    /// binding and returns the one wanted, or null to change nothing. A plan may move between Disabled, Armed and
    /// Locked and may keep a violation open (changing its bound device or rules), but may neither open nor end one:
    /// a violation comes only from traffic, and ending one owes a resume command, which <see cref="Apply"/> writes.
    /// The episode fields always stay as they are. The binding given to the plan has no first sighting (null): a plan
    /// that pairs sets one, which the store then writes; otherwise the stored one is kept. Returns the binding after the call.
    /// </summary>
    public BindingRecord Reconfigure(Imsi imsi, Func<BindingRecord, BindingRecord?> plan, string eventKind, string? detail = null)
    {
        var entry = GetOrAddEntry(imsi);
        return WriteUnderLock(entry, imsi, () =>
        {
            var current = entry.ToRecordUnlocked();
            if (plan(current) is not { } wanted)
            {
                return current;
            }

            if ((current.State == LockState.Violated) != (wanted.State == LockState.Violated))
            {
                throw new InvalidOperationException("Reconfigure neither opens nor ends a violation; use Apply for that.");
            }

            var now = _time.GetUtcNow();
            var record = wanted with
            {
                Imsi = imsi,
                ViolatingImei = current.ViolatingImei,
                Episode = current.Episode,
                AlertOnly = current.AlertOnly,
                EpisodeAtMs = current.EpisodeAtMs,
                UpdatedAt = now,
                Version = current.Version + 1,
            };
            _store.SaveRules(record, new BindingEvent(now.ToUnixTimeMilliseconds(), eventKind, record.BoundImei, current.BoundImei, record.Episode, detail));
            entry.Load(record);
            return record;
        });
    }

    /// <summary>
    /// An admin write (action, rules, reconfiguration) under the SIM's lock, on a binding fresh from a shared
    /// store. When another instance wrote first, its binding is adopted and <paramref name="write"/> runs again
    /// from it; more than a few conflicts in a row are reported as the store's error. The hot path keeps its own
    /// loop (no closure per packet).
    /// </summary>
    private BindingRecord WriteUnderLock(BindingEntry entry, Imsi imsi, Func<BindingRecord> write)
    {
        lock (entry.Gate)
        {
            RefreshFromSharedStore(entry, imsi);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return write();
                }
                catch (BindingConflictException conflict) when (attempt < MaxConflictRetries)
                {
                    entry.Load(conflict.Current ?? new BindingRecord { Imsi = imsi });
                }
            }
        }
    }

    /// <summary>The override of the SIM's tenant (from the subscriber directory); null for most SIMs.</summary>
    private PolicyOverride? TenantPolicyOf(Imsi imsi) => _tenantPolicies.For(_directory.TenantOf(imsi));

    /// <summary>
    /// Re-reads the SIM's tenant (the directory calls it when a registration moves the SIM to another tenant)
    /// and adopts that tenant's policy override from the next observation. A SIM without a binding has no
    /// entry: its tenant is read when one is made.
    /// </summary>
    public void RefreshTenantPolicy(Imsi imsi)
    {
        if (_table.TryFind(imsi.Packed, out var entry))
        {
            lock (entry.Gate)
            {
                entry.TenantPolicy = TenantPolicyOf(imsi);
            }
        }
    }

    /// <summary>A tenant's policy override from configuration; null when it has none.</summary>
    public PolicyOverride? TenantOverride(string tenant) => _tenantPolicies.For(tenant);

    /// <summary>The policy in force for a SIM: its override, else its tenant's, else the global default.</summary>
    public BindingPolicy EffectivePolicy(Imsi imsi, DeviceRules? rules) =>
        BindingPolicy.Resolve(_policy, TenantPolicyOf(imsi), rules?.Policy);

    private BindingEntry GetOrAddEntry(Imsi imsi) => _table.TryFind(imsi.Packed, out var entry)
        ? entry
        : _table.GetOrAdd(imsi.Packed, null, TenantPolicyOf(imsi), out _);

    /// <summary>The current binding with its first sighting, or null when the SIM has none: the control plane's view.</summary>
    /// <remarks>
    /// The table does not keep the first sighting, so this reads the store once (never on the hot path); callers that
    /// do not show the first sighting use <see cref="FindWithoutFirstSeen"/>. A near-cache that does not hold the SIM
    /// answers with the stored binding.
    /// </remarks>
    public BindingRecord? Find(Imsi imsi)
    {
        if (!_table.TryFind(imsi.Packed, out var entry))
        {
            return _deferred is null ? null : _store.Find(imsi);
        }

        var held = entry.Snapshot();
        var stored = _store.Find(imsi);
        if (stored is null || stored.Version <= held.Version)
        {
            // Lower only when the store dropped the writes (a dry-run backtest): its first sighting is still the last it had.
            return held with { FirstSeen = stored?.FirstSeen ?? default(Sighting) };
        }

        // The store is written before the table, so a newer stored binding is a write that landed between the two reads,
        // or, in a near-cache, another instance's that no invalidation has brought yet: the stored binding is the answer,
        // with the last sighting held here when that is later (the write-behind may not have flushed it).
        return held.LastSeen.AtUnixMs > stored.LastSeen.AtUnixMs ? stored with { LastSeen = held.LastSeen } : stored;
    }

    /// <summary>
    /// The current binding as the table holds it, without reading the store: <see cref="BindingRecord.FirstSeen"/> is null
    /// when the table holds the SIM. For callers that need the state, devices, rules or last sighting only.
    /// </summary>
    public BindingRecord? FindWithoutFirstSeen(Imsi imsi) => _table.TryFind(imsi.Packed, out var entry) ? entry.Snapshot()
        : _deferred is null ? null : _store.Find(imsi);

    /// <summary>Counts bindings by state (for the bindings gauge).</summary>
    public void CountByState(Span<int> counts)
    {
        foreach (var entry in _table.Entries())
        {
            counts[(int)entry.Status.State]++;
        }
    }

    /// <summary>Writes last-seen changes to the store. Called periodically and at shutdown.</summary>
    public int FlushSightings()
    {
        List<BindingRecord>? dirty = null;
        List<BindingEntry>? taken = null;
        foreach (var entry in _table.Entries())
        {
            if (entry.TakeDirtySighting() is { } record)
            {
                (dirty ??= []).Add(record);
                (taken ??= []).Add(entry);
            }
        }

        if (dirty is null || taken is null)
        {
            return 0;
        }

        try
        {
            CountClones(_store.SaveSightings(dirty));
        }
        catch
        {
            // Not written: mark them again so that the next flush (say, once the store is back) retries them.
            for (var i = 0; i < taken.Count; i++)
            {
                taken[i].MarkSightingDirty(dirty[i].LastSeen);
            }

            throw;
        }

        return dirty.Count;
    }

    // Runs only on transitions, so the event record may allocate.
    private static BindingEvent ToEvent(in Verdict verdict, in LockStatus before, in Observation observation) => verdict.Kind switch
    {
        VerdictKind.Paired => new BindingEvent(observation.AtUnixMs, "paired", observation.Pei.Device, default, verdict.Next.Episode),
        VerdictKind.Resumed => new BindingEvent(observation.AtUnixMs, "resumed", observation.Pei.Device, before.ViolatingImei, verdict.Next.Episode),
        VerdictKind.ViolationAlert => new BindingEvent(observation.AtUnixMs, "violation_alert", observation.Pei.Device, before.BoundImei, verdict.Next.Episode, CommandFactory.ReasonName(verdict.Cause)),
        _ => new BindingEvent(observation.AtUnixMs, "violation", observation.Pei.Device, before.BoundImei, verdict.Next.Episode, CommandFactory.ReasonName(verdict.Cause)),
    };

    private void CountClones(int clones)
    {
        if (clones > 0)
        {
            _metrics?.ClonedImeis.Inc(clones);
        }
    }

    /// <summary>A page of the SIM's history, newest first (reads the store).</summary>
    public (IReadOnlyList<BindingEvent> Items, long Total) History(Imsi imsi, int page, int size) => _store.ReadHistory(imsi, page, size);

    /// <summary>A page of the SIM's devices, most recently seen first (reads the store).</summary>
    public (IReadOnlyList<DevicePairing> Items, long Total) Devices(Imsi imsi, int page, int size) => _store.ReadPairings(imsi, page, size);
}
