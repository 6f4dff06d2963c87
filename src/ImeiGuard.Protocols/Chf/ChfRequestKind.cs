namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// Which Nchf_ConvergedCharging operation carried a ChargingDataRequest (TS 32.291 §6.1.3). All three
/// share one body schema, so only the HTTP path tells them apart (see <see cref="ChfPaths"/>).
/// </summary>
public enum ChfRequestKind : byte
{
    /// <summary>Not told by the caller, or not a charging data path.</summary>
    Unknown = 0,

    /// <summary>Create (Initial): <c>POST .../chargingdata</c>.</summary>
    Create,

    /// <summary>Update (Interim): <c>POST .../chargingdata/{ChargingDataRef}/update</c>.</summary>
    Update,

    /// <summary>Release (Final): <c>POST .../chargingdata/{ChargingDataRef}/release</c>.</summary>
    Release,
}
