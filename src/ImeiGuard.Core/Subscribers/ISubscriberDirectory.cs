using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Subscribers;

/// <summary>
/// Resolves MSISDN, ICCID and IMEI to the IMSI that bindings are keyed by. Registered subscribers are
/// persisted; MSISDN and IMEI pairings learned from traffic are kept in memory, bounded.
/// </summary>
public interface ISubscriberDirectory
{
    /// <summary>Records what the traffic says about an IMSI. Hot path: allocates only when something new is learned.</summary>
    void Learn(Imsi imsi, Msisdn msisdn, Imei imei);

    /// <summary>Registers or updates a SIM's identifiers and owning tenant (inventory). Persisted.</summary>
    void Register(Imsi imsi, Msisdn msisdn, string? iccid, string? tenant = null);

    /// <summary>Registers or replaces many SIMs at once (bulk import): all are stored in one transaction, or none.</summary>
    void RegisterAll(IReadOnlyList<RegisteredSubscriber> subscribers);

    /// <summary>
    /// Raised after a registration changed a SIM's owning tenant, on the registering thread, so that holders of
    /// per-tenant state (the enforcer's tenant policy) follow the inventory without a restart.
    /// </summary>
    event Action<Imsi>? TenantChanged;

    /// <summary>The tenant that owns a registered SIM; null for the operator's own and for unregistered SIMs.</summary>
    string? TenantOf(Imsi imsi);

    /// <summary>Every registered SIM of a tenant (account-level actions), in a stable order.</summary>
    IReadOnlyList<Imsi> SimsOf(string tenant);

    bool TryResolve(IdentifierType type, string value, out Imsi imsi);

    SubscriberAliases GetAliases(Imsi imsi);
}
