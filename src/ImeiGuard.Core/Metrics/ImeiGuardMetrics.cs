using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Enforcement;
using ImeiGuard.Protocols.Chf;
using ImeiGuard.Protocols.Radius;
using Prometheus;

namespace ImeiGuard.Core.Metrics;

/// <summary>
/// Every collector the daemon exports (catalogue in docs/metrics.md). Label children are resolved once
/// here so the hot path only increments. No label ever carries a subscriber identifier or an address.
/// </summary>
public sealed class ImeiGuardMetrics
{
    private readonly Counter.Child?[] _malformed;
    private readonly Counter.Child[] _verdicts;
    private readonly Counter.Child?[] _chfMalformed;
    private readonly Counter.Child?[] _disconnects;
    private readonly CollectorRegistry _registry;

    public ImeiGuardMetrics(CollectorRegistry registry)
    {
        _registry = registry;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var counterNoExemplars = new CounterConfiguration { ExemplarBehavior = ExemplarBehavior.NoExemplars() };

        var received = factory.CreateCounter("imeiguard_ingest_datagrams_received_total", "UDP datagrams read from the ingest socket.", counterNoExemplars);
        DatagramsReceived = received;
        BytesReceived = factory.CreateCounter("imeiguard_ingest_bytes_received_total", "Octets of UDP payload read from the ingest socket.", counterNoExemplars);

        var dropped = factory.CreateCounter("imeiguard_ingest_dropped_total", "Datagrams dropped before a decision, by reason.", new CounterConfiguration { LabelNames = ["reason"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        DroppedQueueFull = dropped.WithLabels("queue_full");
        DroppedUnknownSource = dropped.WithLabels("unknown_source");
        DroppedProcessingError = dropped.WithLabels("processing_error");
        DroppedStaleEvent = dropped.WithLabels("stale_event");
        SocketDrops = factory.CreateCounter("imeiguard_ingest_socket_drops_total", "Datagrams the kernel dropped because the ingest socket's receive buffer was full (Linux, read from /proc/net/udp at each scrape).", counterNoExemplars);

        var malformed = factory.CreateCounter("imeiguard_radius_malformed_total", "RADIUS datagrams or values rejected, by reason code.", new CounterConfiguration { LabelNames = ["reason"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        _malformed = new Counter.Child[RadiusParseErrors.All.Count];
        foreach (var error in RadiusParseErrors.All)
        {
            if (error != RadiusParseError.None)
            {
                _malformed[(int)error] = malformed.WithLabels(RadiusParseErrors.ReasonCode(error));
            }
        }

        AccountingRequests = factory.CreateCounter("imeiguard_radius_accounting_requests_total", "Accounting-Requests accepted (framing and authenticator valid).", counterNoExemplars);
        Duplicates = factory.CreateCounter("imeiguard_radius_duplicates_total", "Retransmitted Accounting-Requests (same source, port, Identifier and authenticator within ImeiGuard:Radius:DuplicateWindow): answered again, not decided again.", counterNoExemplars);
        ResponsesSent = factory.CreateCounter("imeiguard_radius_responses_sent_total", "Accounting-Responses sent to trusted clients.", counterNoExemplars);

        var verdicts = factory.CreateCounter("imeiguard_verdicts_total", "Decisions on observations, by verdict.", new CounterConfiguration { LabelNames = ["verdict"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        _verdicts = new Counter.Child[VerdictKinds.All.Count];
        foreach (var kind in VerdictKinds.All)
        {
            _verdicts[(int)kind] = verdicts.WithLabels(VerdictKinds.Name(kind));
        }

        ChfRecords = factory.CreateCounter("imeiguard_chf_records_total", "CHF ChargingDataRequest records accepted (UDP, TCP and HTTP tap).", counterNoExemplars);
        var chfMalformed = factory.CreateCounter("imeiguard_chf_malformed_total", "CHF records rejected, by reason code.", new CounterConfiguration { LabelNames = ["reason"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        _chfMalformed = new Counter.Child?[ChfParseErrors.All.Count];
        foreach (var error in ChfParseErrors.All)
        {
            if (error != ChfParseError.None)
            {
                _chfMalformed[(int)error] = chfMalformed.WithLabels(ChfParseErrors.ReasonCode(error));
            }
        }

        ChfUntrusted = factory.CreateCounter("imeiguard_chf_untrusted_total", "CHF records or connections refused because the peer is not a configured source.", counterNoExemplars);
        AcceptedUnverified = factory.CreateCounter("imeiguard_radius_accepted_unverified_total", "Accounting-Requests accepted from sources configured without a secret (AcceptUnverified).", counterNoExemplars);
        SessionsActive = factory.CreateGauge("imeiguard_sessions_active", "Live accounting sessions tracked.");
        SessionsEvicted = factory.CreateCounter("imeiguard_sessions_evicted_total", "Sessions evicted from a full session table because they were idle longer than ImeiGuard:Radius:SessionIdleTimeout.", counterNoExemplars);
        LearnedIdentifiersEvicted = factory.CreateCounter("imeiguard_learned_identifiers_evicted_total", "MSISDN/IMEI pairings learned from traffic and evicted, least recently used first, to stay within ImeiGuard:LearnedIdentifierCapacity.", counterNoExemplars);
        SessionsUntracked = factory.CreateCounter("imeiguard_sessions_untracked_total", "Session starts not tracked because the session table was full.", counterNoExemplars);
        ObservationsWithoutImsi = factory.CreateCounter("imeiguard_observations_without_imsi_total", "Accepted records that named no IMSI (nothing to decide).", counterNoExemplars);
        ClonedImeis = factory.CreateCounter("imeiguard_cloned_imei_total", "IMEIs seen on more than one SIM within ImeiGuard:Policy:CloneWindow (one per SIM, device and window).", counterNoExemplars);
        DecisionErrors = factory.CreateCounter("imeiguard_decision_errors_total", "Decisions that failed because the store could not be written.", counterNoExemplars);

        SightingFlushSeconds = factory.CreateHistogram(
            "imeiguard_sighting_flush_duration_seconds",
            "Time to write one interval's last sightings (last_seen, pairings, cloned-IMEI check) to the store.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14), ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        SightingsWritten = factory.CreateCounter("imeiguard_sightings_written_total", "Last sightings written behind the hot path (one per SIM seen since the previous flush).", counterNoExemplars);
        QueueDepth = factory.CreateGauge("imeiguard_ingest_queue_depth", "Datagrams waiting for a worker.");
        var created = factory.CreateCounter("imeiguard_enforcement_commands_created_total", "Block/resume commands written to the outbox, by kind.", new CounterConfiguration { LabelNames = ["kind"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        CommandsCreatedBlock = created.WithLabels("block");
        CommandsCreatedResume = created.WithLabels("resume");
        var deliveries = factory.CreateCounter("imeiguard_enforcement_deliveries_total", "Delivery attempts of outbox commands to the OSS, by result.", new CounterConfiguration { LabelNames = ["result"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        CommandsDelivered = deliveries.WithLabels("delivered");
        CommandsFailed = deliveries.WithLabels("failed");
        OutboxPending = factory.CreateGauge("imeiguard_outbox_pending", "Commands in the outbox not yet acknowledged by the OSS.");
        CommandsDeadLettered = factory.CreateCounter("imeiguard_enforcement_dead_lettered_total", "Commands given up on because they stayed unacknowledged for ImeiGuard:Oss:DeadLetterAfter.", counterNoExemplars);
        var retries = factory.CreateCounter("imeiguard_enforcement_retries_total", "Repeated delivery attempts, by stage: immediate (resilience pipeline, same pass) or scheduled (durable next attempt).", new CounterConfiguration { LabelNames = ["stage"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        RetriesImmediate = retries.WithLabels("immediate");
        RetriesScheduled = retries.WithLabels("scheduled");
        OutboxOldestPendingAge = factory.CreateGauge("imeiguard_outbox_oldest_pending_age_seconds", "Age of the oldest command not yet acknowledged by the OSS; 0 when none.");
        OutboxDeadLetter = factory.CreateGauge("imeiguard_outbox_dead_letter", "Commands in the dead-letter state.");
        OssCircuitOpen = factory.CreateGauge("imeiguard_oss_circuit_open", "1 while the circuit breaker to the OSS is open (or half-open), else 0.");
        var disconnects = factory.CreateCounter("imeiguard_disconnect_requests_total", "RADIUS Disconnect-Requests for block commands, by result.", new CounterConfiguration { LabelNames = ["result"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        _disconnects = new Counter.Child?[(int)DisconnectOutcome.Error + 1];
        foreach (var outcome in DisconnectOutcomes.Results)
        {
            _disconnects[(int)outcome] = disconnects.WithLabels(DisconnectOutcomes.Name(outcome));
        }

        Bindings = factory.CreateGauge("imeiguard_bindings", "SIM bindings by lock state.", new GaugeConfiguration { LabelNames = ["state"] });
        ParseSeconds = factory.CreateHistogram(
            "imeiguard_radius_parse_duration_seconds",
            "Time to parse one Accounting-Request and verify its authenticators.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.000_000_25, 2, 14), ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        var lookups = factory.CreateCounter("imeiguard_binding_lookups_total", "Binding table lookups by observations; hit = the SIM has a binding (hit ratio = hit / (hit + miss)).", new CounterConfiguration { LabelNames = ["result"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        LookupHit = lookups.WithLabels("hit");
        LookupMiss = lookups.WithLabels("miss");
        // Redis (ImeiGuard:Store=Redis); exported in embedded mode too (connected 0, nothing counted) so that dashboards need no variants.
        RedisConnected = factory.CreateGauge("imeiguard_redis_connected", "1 while the shared Redis store is reachable, else 0 (always 0 with the embedded store).");
        RedisRoundTripSeconds = factory.CreateHistogram(
            "imeiguard_redis_roundtrip_seconds",
            "Round-trip time of Redis calls made by the store (near-cache fetch batches, transitions, outbox passes).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.000_05, 2, 14), ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        var nearCache = factory.CreateCounter("imeiguard_near_cache_lookups_total", "Near-cache lookups by observations with the Redis store: hit = decided in process (binding or known absence), miss = fetched first.", new CounterConfiguration { LabelNames = ["result"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        NearCacheHit = nearCache.WithLabels("hit");
        NearCacheMiss = nearCache.WithLabels("miss");
        var undecided = factory.CreateCounter("imeiguard_undecided_total", "Records that could not be decided when they arrived because Redis was unreachable, by what became of them.", new CounterConfiguration { LabelNames = ["reason"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        UndecidedUnknownSimFailOpen = undecided.WithLabels("unknown_sim_fail_open");
        UndecidedUnknownSimHeld = undecided.WithLabels("unknown_sim_held");
        UndecidedTransitionHeld = undecided.WithLabels("transition_held");
        UndecidedBufferFull = undecided.WithLabels("buffer_full");

        DecisionSeconds = factory.CreateHistogram(
            "imeiguard_decision_duration_seconds",
            "Time from datagram receipt to decision.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.000_005, 2, 16), ExemplarBehavior = ExemplarBehavior.NoExemplars() });
    }

    public Counter DatagramsReceived { get; }
    public Counter BytesReceived { get; }
    public Counter.Child DroppedQueueFull { get; }
    public Counter.Child DroppedUnknownSource { get; }
    public Counter.Child DroppedProcessingError { get; }
    public Counter.Child DroppedStaleEvent { get; }
    public Counter SocketDrops { get; }
    public Counter AccountingRequests { get; }
    public Counter ResponsesSent { get; }
    public Counter Duplicates { get; }
    public Counter ChfRecords { get; }
    public Counter ChfUntrusted { get; }
    public Counter AcceptedUnverified { get; }
    public Gauge SessionsActive { get; }
    public Counter SessionsUntracked { get; }
    public Counter SessionsEvicted { get; }
    public Counter LearnedIdentifiersEvicted { get; }
    public Counter ObservationsWithoutImsi { get; }
    public Counter DecisionErrors { get; }
    public Counter ClonedImeis { get; }
    public Gauge QueueDepth { get; }

    public Histogram SightingFlushSeconds { get; }

    public Counter SightingsWritten { get; }
    public Counter.Child CommandsCreatedBlock { get; }
    public Counter.Child CommandsCreatedResume { get; }
    public Counter.Child CommandsDelivered { get; }
    public Counter.Child CommandsFailed { get; }
    public Gauge OutboxPending { get; }
    public Counter CommandsDeadLettered { get; }
    public Counter.Child RetriesImmediate { get; }
    public Counter.Child RetriesScheduled { get; }
    public Gauge OutboxOldestPendingAge { get; }
    public Gauge OutboxDeadLetter { get; }
    public Gauge OssCircuitOpen { get; }
    public Gauge Bindings { get; }
    public Histogram DecisionSeconds { get; }
    public Histogram ParseSeconds { get; }
    public Counter.Child LookupHit { get; }
    public Counter.Child LookupMiss { get; }
    public Gauge RedisConnected { get; }
    public Histogram RedisRoundTripSeconds { get; }
    public Counter.Child NearCacheHit { get; }
    public Counter.Child NearCacheMiss { get; }

    /// <summary>A SIM missing from the near-cache while Redis is down, let through as not enforced (fail-open).</summary>
    public Counter.Child UndecidedUnknownSimFailOpen { get; }

    /// <summary>Such a SIM kept to be decided when Redis returns (fail-closed).</summary>
    public Counter.Child UndecidedUnknownSimHeld { get; }

    /// <summary>A transition Redis could not take, kept to be decided again when it returns.</summary>
    public Counter.Child UndecidedTransitionHeld { get; }

    /// <summary>A record that should have been kept but the bounded buffer was full (the SIM's next record decides again).</summary>
    public Counter.Child UndecidedBufferFull { get; }

    public void Malformed(RadiusParseError error) => _malformed[(int)error]?.Inc();

    /// <summary>Runs <paramref name="refresh"/> before every scrape, for values read from elsewhere (the kernel).</summary>
    public void BeforeCollect(Action refresh) => _registry.AddBeforeCollectCallback(refresh);

    public void Verdict(VerdictKind kind) => _verdicts[(int)kind].Inc();

    public void ChfMalformed(ChfParseError error) => _chfMalformed[(int)error]?.Inc();
    public void Disconnect(DisconnectOutcome outcome) => _disconnects[(int)outcome]?.Inc();
}
