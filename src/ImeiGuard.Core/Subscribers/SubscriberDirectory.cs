using System.Collections.Concurrent;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Subscribers;

/// <summary>
/// In-memory identifier maps. Registered subscribers come from <see cref="ISubscriberRegistry"/> and are
/// kept; pairings learned from traffic are capped at <see cref="LearnedCapacity"/> entries per map and the
/// least recently used are evicted (<see cref="LearnedIdentifierMap"/>), so a flood of new identities cannot
/// exhaust memory and yet current pairings keep being learned.
/// </summary>
public sealed class SubscriberDirectory : ISubscriberDirectory
{
    private readonly ConcurrentDictionary<ulong, ulong> _registeredImsiByMsisdn = new();
    private readonly ConcurrentDictionary<ulong, ulong> _registeredMsisdnByImsi = new();
    private readonly LearnedIdentifierMap _imsiByMsisdn;
    private readonly LearnedIdentifierMap _msisdnByImsi;
    private readonly LearnedIdentifierMap _imsiByImei;
    private readonly ConcurrentDictionary<string, ulong> _imsiByIccid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ulong, string> _iccidByImsi = new();
    private readonly ConcurrentDictionary<ulong, string> _tenantByImsi = new();
    private readonly ISubscriberRegistry _registry;

    /// <param name="registry">Registered subscribers (kept, never evicted).</param>
    /// <param name="learnedCapacity">Most pairings learned from traffic per map.</param>
    /// <param name="onEvicted">Told how many learned pairings an eviction dropped (a metric).</param>
    public SubscriberDirectory(ISubscriberRegistry registry, int learnedCapacity = 1_000_000, Action<int>? onEvicted = null)
    {
        _registry = registry;
        LearnedCapacity = learnedCapacity;
        _imsiByMsisdn = new LearnedIdentifierMap(learnedCapacity, onEvicted);
        _msisdnByImsi = new LearnedIdentifierMap(learnedCapacity, onEvicted);
        _imsiByImei = new LearnedIdentifierMap(learnedCapacity, onEvicted);
        foreach (var s in registry.LoadAll())
        {
            Index(s);
        }
    }

    public int LearnedCapacity { get; }

    public event Action<Imsi>? TenantChanged;

    public void Learn(Imsi imsi, Msisdn msisdn, Imei imei)
    {
        if (imsi.IsEmpty)
        {
            return;
        }

        if (!msisdn.IsEmpty)
        {
            _msisdnByImsi.Set(imsi.Packed, msisdn.Packed);
            _imsiByMsisdn.Set(msisdn.Packed, imsi.Packed);
        }

        if (!imei.IsEmpty)
        {
            _imsiByImei.Set(imei.Value, imsi.Packed);
        }
    }

    public void Register(Imsi imsi, Msisdn msisdn, string? iccid, string? tenant = null)
    {
        var subscriber = new RegisteredSubscriber(
            imsi.Packed, msisdn.Packed, string.IsNullOrEmpty(iccid) ? null : iccid, string.IsNullOrEmpty(tenant) ? null : tenant);
        _registry.Upsert(subscriber);
        if (Index(subscriber))
        {
            TenantChanged?.Invoke(imsi);
        }
    }

    public void RegisterAll(IReadOnlyList<RegisteredSubscriber> subscribers)
    {
        _registry.UpsertAll(subscribers);
        List<Imsi>? moved = null;
        foreach (var subscriber in subscribers)
        {
            if (Index(subscriber))
            {
                (moved ??= []).Add(Imsi.FromPacked(subscriber.ImsiPacked));
            }
        }

        foreach (var imsi in moved ?? [])
        {
            TenantChanged?.Invoke(imsi);
        }
    }

    public bool TryResolve(IdentifierType type, string value, out Imsi imsi)
    {
        imsi = default;
        ulong packed;
        var found = type switch
        {
            IdentifierType.Imsi => Imsi.TryParse(value, out imsi),
            IdentifierType.Msisdn => Msisdn.TryParse(value, out var m)
                && (_registeredImsiByMsisdn.TryGetValue(m.Packed, out packed) || _imsiByMsisdn.TryGet(m.Packed, out packed)) && Set(packed, out imsi),
            IdentifierType.Imei => Imei.TryParse(value, out var d) && _imsiByImei.TryGet(d.Value, out packed) && Set(packed, out imsi),
            IdentifierType.Iccid => _imsiByIccid.TryGetValue(value, out packed) && Set(packed, out imsi),
            _ => false,
        };
        return found;
    }

    public SubscriberAliases GetAliases(Imsi imsi)
    {
        var msisdn = _registeredMsisdnByImsi.TryGetValue(imsi.Packed, out var m) || _msisdnByImsi.TryGet(imsi.Packed, out m)
            ? Msisdn.FromPacked(m).ToString()
            : null;
        var iccid = _iccidByImsi.TryGetValue(imsi.Packed, out var i) ? i : null;
        return msisdn is null && iccid is null ? SubscriberAliases.None : new SubscriberAliases(msisdn, iccid);
    }

    public IReadOnlyList<Imsi> SimsOf(string tenant)
    {
        var sims = new List<Imsi>();
        foreach (var pair in _tenantByImsi)
        {
            if (string.Equals(pair.Value, tenant, StringComparison.Ordinal))
            {
                sims.Add(Imsi.FromPacked(pair.Key));
            }
        }

        sims.Sort(static (a, b) => a.Packed.CompareTo(b.Packed));
        return sims;
    }

    public string? TenantOf(Imsi imsi) => _tenantByImsi.TryGetValue(imsi.Packed, out var tenant) ? tenant : null;

    private static bool Set(ulong packed, out Imsi imsi)
    {
        imsi = Imsi.FromPacked(packed);
        return true;
    }

    /// <summary>Indexes a registration; true when it changed the SIM's tenant.</summary>
    private bool Index(RegisteredSubscriber s)
    {
        if (s.MsisdnPacked != 0)
        {
            // A re-registered SIM's former number must no longer resolve to it.
            if (_registeredMsisdnByImsi.TryGetValue(s.ImsiPacked, out var former) && former != s.MsisdnPacked)
            {
                _registeredImsiByMsisdn.TryRemove(new KeyValuePair<ulong, ulong>(former, s.ImsiPacked));
            }

            _registeredMsisdnByImsi[s.ImsiPacked] = s.MsisdnPacked;
            _registeredImsiByMsisdn[s.MsisdnPacked] = s.ImsiPacked;
        }

        var formerTenant = _tenantByImsi.TryGetValue(s.ImsiPacked, out var t) ? t : null;
        if (s.Tenant is null)
        {
            _tenantByImsi.TryRemove(s.ImsiPacked, out _);
        }
        else
        {
            _tenantByImsi[s.ImsiPacked] = s.Tenant;
        }

        // Likewise its former ICCID (a SIM swap keeps the IMSI record but not the card).
        if (_iccidByImsi.TryGetValue(s.ImsiPacked, out var formerIccid) && !string.Equals(formerIccid, s.Iccid, StringComparison.Ordinal))
        {
            _imsiByIccid.TryRemove(new KeyValuePair<string, ulong>(formerIccid, s.ImsiPacked));
            _iccidByImsi.TryRemove(s.ImsiPacked, out _);
        }

        if (s.Iccid is not null)
        {
            _iccidByImsi[s.ImsiPacked] = s.Iccid;
            _imsiByIccid[s.Iccid] = s.ImsiPacked;
        }

        return !string.Equals(formerTenant, s.Tenant, StringComparison.Ordinal);
    }
}
