namespace ImeiGuard.Core.Subscribers;

/// <summary>How the control plane names a SIM.</summary>
public enum IdentifierType : byte
{
    Imsi = 1,
    Iccid = 2,
    Msisdn = 3,

    /// <summary>The SIM that was last seen in this device.</summary>
    Imei = 4,

    /// <summary>Every SIM of a tenant: only account-level operations use it; it never resolves to one IMSI.</summary>
    Tenant = 5,
}
