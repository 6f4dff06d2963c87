using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// Records who changed what over the control plane. Each changing CAMARA operation calls <see cref="Record"/> once,
/// after the change is durable, so the trail never shows a change that did not happen.
/// </summary>
internal interface IControlPlaneAudit
{
    /// <param name="caller">Who asked.</param>
    /// <param name="action">What, e.g. "camara.bind".</param>
    /// <param name="sim">The SIM concerned; empty when the action concerns none.</param>
    /// <param name="outcome">What came of it, e.g. "IMEIBIND bound" or a subscription id.</param>
    void Record(Caller caller, string action, Imsi sim, string outcome);
}
