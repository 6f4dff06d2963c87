using Microsoft.Data.Sqlite;

namespace ImeiGuard.Storage;

/// <summary>
/// Schema, versioned with PRAGMA user_version; each step runs once, in order. IMSI, MSISDN and IMEI
/// columns hold the packed 64-bit values of the Identifiers types (cast to signed for SQLite).
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE bindings (
            imsi INTEGER PRIMARY KEY,
            state INTEGER NOT NULL,
            bound_imei INTEGER NOT NULL DEFAULT 0,
            violating_imei INTEGER NOT NULL DEFAULT 0,
            episode INTEGER NOT NULL DEFAULT 0,
            first_seen BLOB,
            last_seen BLOB,
            updated_at_ms INTEGER NOT NULL
        );
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            command_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            imsi INTEGER NOT NULL,
            idempotency_key TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL,
            status INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_ms INTEGER NOT NULL DEFAULT 0,
            delivered_at_ms INTEGER,
            last_http_status INTEGER,
            last_error TEXT
        );
        CREATE INDEX outbox_pending ON outbox(status, seq);
        CREATE TABLE operations (
            request_id TEXT PRIMARY KEY,
            id_type INTEGER NOT NULL,
            id_value TEXT NOT NULL,
            action INTEGER NOT NULL,
            status INTEGER NOT NULL,
            error_code TEXT,
            error_message TEXT,
            imsi TEXT,
            requested_by TEXT,
            created_at_ms INTEGER NOT NULL,
            completed_at_ms INTEGER
        );
        CREATE INDEX operations_in_progress ON operations(status, created_at_ms);
        CREATE TABLE subscribers (
            imsi INTEGER PRIMARY KEY,
            msisdn INTEGER NOT NULL DEFAULT 0,
            iccid TEXT
        );
        """,
        // 2: enforcement that is never lost. Per-SIM queue heads, the Disconnect-Request result of a block,
        // and the delivery history of every command.
        """
        ALTER TABLE outbox ADD COLUMN disconnect_state INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX outbox_sim ON outbox(imsi, status, seq);
        CREATE INDEX outbox_disconnect ON outbox(disconnect_state, kind, seq);
        CREATE TABLE outbox_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            seq INTEGER NOT NULL,
            at_ms INTEGER NOT NULL,
            kind TEXT NOT NULL,
            code INTEGER,
            detail TEXT
        );
        CREATE INDEX outbox_events_seq ON outbox_events(seq, id);
        """,
        // 3: binding semantics. Alert-only episodes (no block sent, so no resume owed) and the episode start
        // for the auto-resume debounce; per-SIM device rules and policy override (NULL policy column =
        // global default). Lists are comma-separated digits: 14-digit identities, 8-digit TACs, prefixes.
        """
        ALTER TABLE bindings ADD COLUMN alert_only INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE bindings ADD COLUMN episode_at_ms INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE binding_rules (
            imsi INTEGER PRIMARY KEY,
            devices TEXT NOT NULL DEFAULT '',
            tacs TEXT NOT NULL DEFAULT '',
            imei_prefixes TEXT NOT NULL DEFAULT '',
            on_mismatch INTEGER,
            on_missing_imei INTEGER,
            auto_resume INTEGER,
            min_episode_interval_ms INTEGER
        );
        """,
        // 4: binding history. Every transition of a SIM (paired, violation, resume, admin action, rules
        // change, cloned IMEI) and every IMSI-IMEI pairing with first and last seen (write-behind).
        """
        CREATE TABLE binding_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            imsi INTEGER NOT NULL,
            at_ms INTEGER NOT NULL,
            kind TEXT NOT NULL,
            imei INTEGER NOT NULL DEFAULT 0,
            other_imei INTEGER NOT NULL DEFAULT 0,
            episode INTEGER NOT NULL DEFAULT 0,
            detail TEXT
        );
        CREATE INDEX binding_history_sim ON binding_history(imsi, id);
        CREATE TABLE pairings (
            imsi INTEGER NOT NULL,
            imei INTEGER NOT NULL,
            first_seen_ms INTEGER NOT NULL,
            last_seen_ms INTEGER NOT NULL,
            PRIMARY KEY (imsi, imei)
        ) WITHOUT ROWID;
        CREATE INDEX pairings_imei ON pairings(imei, last_seen_ms);
        """,
        // 5: region rules in the rules row: allowed PLMNs ("262-01,262-02") and area codes or ranges
        // ("41904,41900-41999"), and the unknown-location policy override.
        """
        ALTER TABLE binding_rules ADD COLUMN plmns TEXT NOT NULL DEFAULT '';
        ALTER TABLE binding_rules ADD COLUMN areas TEXT NOT NULL DEFAULT '';
        ALTER TABLE binding_rules ADD COLUMN on_unknown_location INTEGER;
        """,
        // 6: CIRCLE areas in the rules row: "lat:lon:radiusMetres" entries separated by ';' (invariant culture).
        """
        ALTER TABLE binding_rules ADD COLUMN circles TEXT NOT NULL DEFAULT '';
        """,
        // 7: the enterprise (tenant) that owns a SIM; NULL is the operator's own.
        """
        ALTER TABLE subscribers ADD COLUMN tenant TEXT;
        CREATE INDEX subscribers_tenant ON subscribers(tenant);
        """,
        // 8: the binding's version, for compare-and-set writes (the store contract shared with Redis).
        """
        ALTER TABLE bindings ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
        """,
        // 9: rules that allow every device (a region restriction without a device lock: CAMARA AREALIMIT alone).
        """
        ALTER TABLE binding_rules ADD COLUMN any_device INTEGER NOT NULL DEFAULT 0;
        """,
        // 10: CAMARA fraud-prevention subscriptions (one SIM, one event type, one sink) and their notification queue:
        // CloudEvents written once (fixed id and time), kept until the sink acknowledges them or they expire.
        // Notification status: 0 pending, 1 delivered, 2 expired, 3 dropped (subscription deleted or gone).
        """
        CREATE TABLE camara_subscriptions (
            id TEXT PRIMARY KEY,
            imsi INTEGER NOT NULL,
            event_type TEXT NOT NULL,
            tenant TEXT,
            owner TEXT NOT NULL,
            sink TEXT NOT NULL,
            access_token TEXT,
            token_expires_ms INTEGER,
            device_json TEXT,
            expire_ms INTEGER,
            max_events INTEGER,
            initial_event INTEGER NOT NULL DEFAULT 0,
            events_sent INTEGER NOT NULL DEFAULT 0,
            status INTEGER NOT NULL DEFAULT 0,
            starts_ms INTEGER NOT NULL,
            ended_ms INTEGER
        );
        CREATE INDEX camara_subscriptions_sim ON camara_subscriptions(imsi, status);
        CREATE INDEX camara_subscriptions_tenant ON camara_subscriptions(tenant, status);
        CREATE TABLE camara_notifications (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            subscription_id TEXT NOT NULL,
            event_id TEXT NOT NULL UNIQUE,
            event_type TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            status INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_ms INTEGER NOT NULL DEFAULT 0,
            delivered_ms INTEGER,
            last_http_status INTEGER,
            last_error TEXT
        );
        CREATE INDEX camara_notifications_queue ON camara_notifications(subscription_id, status, seq);
        CREATE INDEX camara_notifications_pending ON camara_notifications(status, next_attempt_ms);
        """,
        // 11: tenants, inventory and audit. Operations remember the tenant that asked (a tenant sees only its
        // own requests), the x-correlator, and an account-level operation's counts (JSON); SIM labels
        // (';'-separated); the audit log of every change; history by kind for the violations listing.
        """
        ALTER TABLE operations ADD COLUMN tenant TEXT;
        ALTER TABLE operations ADD COLUMN correlator TEXT;
        ALTER TABLE operations ADD COLUMN result TEXT;
        ALTER TABLE subscribers ADD COLUMN labels TEXT NOT NULL DEFAULT '';
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at_ms INTEGER NOT NULL,
            actor TEXT NOT NULL,
            tenant TEXT,
            action TEXT NOT NULL,
            target TEXT,
            before_json TEXT,
            after_json TEXT,
            correlator TEXT
        );
        CREATE INDEX audit_log_tenant ON audit_log(tenant, id);
        CREATE INDEX audit_log_target ON audit_log(target, id);
        CREATE INDEX binding_history_kind ON binding_history(kind, id);
        """,
    ];

    public static void Apply(SqliteConnection connection)
    {
        using var get = connection.CreateCommand();
        get.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(get.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        for (var step = version; step < Steps.Length; step++)
        {
            using var tx = connection.BeginTransaction();
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = Steps[step] + $"; PRAGMA user_version = {step + 1};";
            cmd.ExecuteNonQuery();
            tx.Commit();
        }
    }
}
