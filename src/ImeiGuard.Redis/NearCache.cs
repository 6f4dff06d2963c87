using System.Collections.Concurrent;
using System.Threading.Channels;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Metrics;

namespace ImeiGuard.Redis;

/// <summary>
/// The near-cache around the <see cref="BindingEnforcer"/>'s table when bindings live in Redis. The table
/// holds the bindings of SIMs seen (filled on first sight, refreshed on invalidation); this class adds what
/// the table does not: SIMs known to have no binding (a bounded two-generation set), and the records of SIMs
/// not known yet. Such a record is copied, its SIM queued for the next pipelined fetch batch
/// (<see cref="NearCacheService"/>), and it is decided after the fetch from <see cref="Ready"/>, so no receive
/// or worker thread ever waits for Redis on a miss. While Redis is down, misses follow
/// <see cref="RedisOptions.OnUnknownSimWhileDown"/> and transitions are held in a bounded buffer; both are
/// decided again when Redis returns.
/// </summary>
public sealed class NearCache : IDeferredDecisions
{
    private readonly Func<bool> _connected;
    private readonly ImeiGuardMetrics? _metrics;
    private readonly UnknownSimPolicy _policy;
    private readonly int _capacity;
    private readonly int _absentCapacity;
    private readonly Channel<DeferredObservation> _ready = Channel.CreateUnbounded<DeferredObservation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<ulong> _toFetch = Channel.CreateUnbounded<ulong>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<ulong, PendingFetch> _inFlight = new();
    private readonly ConcurrentDictionary<(ulong Imsi, ulong Device), DeferredObservation> _held = new();
    private ConcurrentDictionary<ulong, byte> _absent = new();
    private ConcurrentDictionary<ulong, byte> _absentOlder = new();
    private int _waiting;

    /// <param name="connected">Whether Redis is reachable now (<see cref="RedisConnection.IsConnected"/>).</param>
    /// <param name="options">Bounds and the outage policy.</param>
    /// <param name="metrics">Counters, optional.</param>
    public NearCache(Func<bool> connected, RedisOptions options, ImeiGuardMetrics? metrics = null)
    {
        _connected = connected;
        _metrics = metrics;
        _policy = options.OnUnknownSimWhileDown;
        _capacity = options.DeferredCapacity;
        _absentCapacity = Math.Max(2, options.AbsentCapacity / 2);
    }

    /// <summary>Records whose binding has been fetched (or whose store is back), to be decided by the host.</summary>
    public ChannelReader<DeferredObservation> Ready => _ready.Reader;

    /// <summary>SIMs to fetch, read by <see cref="NearCacheService"/> in batches.</summary>
    internal ChannelReader<ulong> ToFetch => _toFetch.Reader;

    /// <summary>Records waiting for a fetch or for Redis to return.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Records held while Redis is down.</summary>
    public int Held => _held.Count;

    public VerdictKind OnMiss(in Observation observation)
    {
        var imsi = observation.Imsi.Packed;
        if (_absent.ContainsKey(imsi) || _absentOlder.ContainsKey(imsi))
        {
            _metrics?.NearCacheHit.Inc();
            return VerdictKind.NotEnforced;
        }

        _metrics?.NearCacheMiss.Inc();
        if (!_connected())
        {
            if (_policy == UnknownSimPolicy.FailOpen)
            {
                _metrics?.UndecidedUnknownSimFailOpen.Inc();
                return VerdictKind.NotEnforced;
            }

            return Hold(observation, _metrics?.UndecidedUnknownSimHeld) ? VerdictKind.Deferred : VerdictKind.NotEnforced;
        }

        if (Queue(new DeferredObservation(observation), wasHeld: false))
        {
            return VerdictKind.Deferred;
        }

        _metrics?.UndecidedBufferFull.Inc();
        return VerdictKind.NotEnforced;
    }

    /// <summary>Puts a record on its SIM's next fetch; false when the buffer is full (the caller says what that costs).</summary>
    private bool Queue(DeferredObservation copy, bool wasHeld)
    {
        if (Interlocked.Increment(ref _waiting) > _capacity)
        {
            Interlocked.Decrement(ref _waiting);
            return false;
        }

        var imsi = copy.Imsi.Packed;
        var pending = EnterOpenFetch(imsi);
        bool first;
        try
        {
            first = pending.Waiting.Count == 0 && !pending.Queued;
            pending.Waiting.Add(copy);
            if (wasHeld)
            {
                (pending.WereHeld ??= []).Add(copy);
            }

            pending.Queued = true;
        }
        finally
        {
            Monitor.Exit(pending);
        }

        if (first)
        {
            _toFetch.Writer.TryWrite(imsi);
        }

        return true;
    }

    public bool TryDeferUntilStoreReturns(in Observation observation) => Hold(observation, _metrics?.UndecidedTransitionHeld);

    /// <summary>Another instance changed a SIM: forget that it had no binding, and fetch it again if it is held or being fetched.</summary>
    internal void Invalidate(ulong imsi, bool held)
    {
        _absent.TryRemove(imsi, out _);
        _absentOlder.TryRemove(imsi, out _);
        if (_inFlight.TryGetValue(imsi, out var pending))
        {
            lock (pending)
            {
                pending.Invalidated = true;
            }
        }
        else if (held)
        {
            QueueRefresh(imsi);
        }
    }

    /// <summary>Fetches a held SIM again without a record waiting on it.</summary>
    internal void QueueRefresh(ulong imsi)
    {
        var pending = EnterOpenFetch(imsi);
        bool first;
        try
        {
            first = !pending.Queued;
            pending.Queued = true;
        }
        finally
        {
            Monitor.Exit(pending);
        }

        if (first)
        {
            _toFetch.Writer.TryWrite(imsi);
        }
    }

    /// <summary>
    /// The SIM's open fetch, its lock taken (the caller releases it). One that a completion or a failure closed
    /// after this thread found it is passed over for a new one: a record must not join a list already handed out.
    /// </summary>
    private PendingFetch EnterOpenFetch(ulong imsi)
    {
        while (true)
        {
            var pending = _inFlight.GetOrAdd(imsi, static _ => new PendingFetch());
            Monitor.Enter(pending);
            if (!pending.Closed)
            {
                return pending;
            }

            Monitor.Exit(pending);
        }
    }

    /// <summary>
    /// A fetch answered for <paramref name="imsi"/>. Returns the records that waited on it, or null when an
    /// invalidation arrived meanwhile (the answer may predate it): the SIM is then fetched again.
    /// </summary>
    internal List<DeferredObservation>? Complete(ulong imsi, bool absent)
    {
        if (!_inFlight.TryGetValue(imsi, out var pending))
        {
            if (absent)
            {
                RememberAbsent(imsi);
            }

            return [];
        }

        lock (pending)
        {
            if (pending.Invalidated)
            {
                pending.Invalidated = false;
                _toFetch.Writer.TryWrite(imsi);
                return null;
            }

            _inFlight.TryRemove(imsi, out _);
            pending.Closed = true;
        }

        if (absent)
        {
            RememberAbsent(imsi);
        }

        Interlocked.Add(ref _waiting, -pending.Waiting.Count);
        return pending.Waiting;
    }

    /// <summary>
    /// A fetch failed (Redis went away, or answers but cannot serve yet): a record held before goes back to be held,
    /// whatever the policy for unknown SIMs says (it was held for a transition, or under FailClosed); a first miss
    /// follows that policy.
    /// </summary>
    internal void Fail(ulong imsi)
    {
        if (!_inFlight.TryGetValue(imsi, out var pending))
        {
            return;
        }

        List<DeferredObservation> waiting;
        HashSet<DeferredObservation>? wereHeld;
        lock (pending)
        {
            _inFlight.TryRemove(KeyValuePair.Create(imsi, pending));
            pending.Closed = true;
            waiting = pending.Waiting;
            wereHeld = pending.WereHeld;
        }

        Interlocked.Add(ref _waiting, -waiting.Count);
        foreach (var copy in waiting)
        {
            if (wereHeld?.Contains(copy) == true)
            {
                HoldAgain(copy);
            }
            else if (_policy == UnknownSimPolicy.FailOpen)
            {
                _metrics?.UndecidedUnknownSimFailOpen.Inc();
            }
            else
            {
                Hold(copy.ToObservation(), _metrics?.UndecidedUnknownSimHeld);
            }
        }
    }

    /// <summary>Hands fetched records to the host for their decision.</summary>
    internal void Release(List<DeferredObservation> observations)
    {
        foreach (var observation in observations)
        {
            _ready.Writer.TryWrite(observation);
        }
    }

    /// <summary>
    /// Redis is back: what was learnt about absent SIMs may be stale, and the records held meanwhile are decided
    /// now, oldest first (an armed SIM pairs with the device it showed first).
    /// </summary>
    internal void Resynchronise(IEnumerable<ulong> heldSims)
    {
        _absent = new ConcurrentDictionary<ulong, byte>();
        _absentOlder = new ConcurrentDictionary<ulong, byte>();
        foreach (var imsi in heldSims)
        {
            QueueRefresh(imsi);
        }

        // Taken one by one, not copied and then cleared: a decision failing on another thread may hold a record
        // between the two, and a Clear would drop it. One held after this pass is decided by the next.
        var held = new List<DeferredObservation>(_held.Count);
        foreach (var key in _held.Keys)
        {
            if (_held.TryRemove(key, out var copy))
            {
                held.Add(copy);
            }
        }

        held.Sort(static (a, b) => a.AtUnixMs.CompareTo(b.AtUnixMs));
        foreach (var copy in held)
        {
            // Through the fetch path even when the table holds the SIM: the record is decided on fresh state. Should
            // Redis have gone again, or the fetch buffer be full, it stays held (not counted again, and not lost): the
            // policy for unknown SIMs is for first misses, not for these.
            if (!_connected() || !Queue(copy, wasHeld: true))
            {
                HoldAgain(copy);
            }
        }
    }

    /// <summary>Puts back a record that was held already: counted when first held, and within the capacity it was held under.</summary>
    private void HoldAgain(DeferredObservation copy) => _held.TryAdd((copy.Imsi.Packed, copy.Pei.Device.Value), copy);

    private bool Hold(in Observation observation, Prometheus.Counter.Child? counter)
    {
        if (_held.Count >= _capacity)
        {
            _metrics?.UndecidedBufferFull.Inc();
            return false;
        }

        // One record per SIM and device is enough to decide again; repeats of it are counted, not kept.
        _held.TryAdd((observation.Imsi.Packed, observation.Pei.Device.Value), new DeferredObservation(observation));
        counter?.Inc();
        return true;
    }

    private void RememberAbsent(ulong imsi)
    {
        var current = _absent;
        current.TryAdd(imsi, 0);
        if (current.Count > _absentCapacity)
        {
            // Two generations: the older half is forgotten at once, the rest stays; no per-entry bookkeeping.
            _absentOlder = current;
            _absent = new ConcurrentDictionary<ulong, byte>();
        }
    }

    /// <summary>Records waiting on one SIM's fetch.</summary>
    private sealed class PendingFetch
    {
        public List<DeferredObservation> Waiting { get; } = [];

        public bool Queued { get; set; }

        public bool Invalidated { get; set; }

        /// <summary>Answered or failed and out of the in-flight map: no record may join it any more.</summary>
        public bool Closed { get; set; }

        /// <summary>Those of <see cref="Waiting"/> that were held before (null when none): a failed fetch holds them again.</summary>
        public HashSet<DeferredObservation>? WereHeld { get; set; }
    }
}
