using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Camara;

namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// The event a subscription with <c>initialEvent: true</c> gets at once "when the current situation reflects the event":
/// the SIM is VIOLATED now, by another device (imei-change) or outside its area (area-change), as the open episode's
/// violation in the history says. Counted towards subscriptionMaxEvents, as the Commonalities ask.
/// </summary>
internal static class InitialEvents
{
    private const int HistoryDepth = 50;

    public static PendingEvent? For(FraudSubscription subscription, BindingEnforcer enforcer, CloudEventWriter events)
    {
        if (enforcer.FindWithoutFirstSeen(subscription.Imsi) is not { State: LockState.Violated } binding)
        {
            return null;
        }

        var opened = enforcer.History(subscription.Imsi, 0, HistoryDepth).Items
            .FirstOrDefault(e => e.Episode == binding.Episode && e.Kind is "violation" or "violation_alert");
        if (opened is null || CamaraEventTypes.ForHistoryEvent(opened.Kind, opened.Detail) != subscription.EventType)
        {
            return null;
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(opened.AtUnixMs);
        return subscription.EventType == CamaraEventTypes.ImeiChange
            ? events.ImeiChange(subscription.Id, CamaraImei.Format(opened.Imei), subscription.DeviceJson, at)
            : events.AreaChange(subscription.Id, binding.Rules?.Regions?.Circles.FirstOrDefault() is { RadiusM: > 0 } circle ? circle : null, subscription.DeviceJson, at);
    }
}
