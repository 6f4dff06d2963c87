namespace ImeiGuard.Core.Camara;

/// <summary>
/// CloudEvent types of the CAMARA IoT SIM Fraud Prevention subscriptions spec (ApiEventType and
/// SubscriptionLifecycleEventType), verbatim.
/// </summary>
public static class CamaraEventTypes
{
    public const string ImeiChange = "org.camaraproject.iot-sim-fraud-prevention.v0.imei-change";
    public const string AreaChange = "org.camaraproject.iot-sim-fraud-prevention.v0.area-change";
    public const string SubscriptionStarted = "org.camaraproject.iot-sim-fraud-prevention.v0.subscription-started";
    public const string SubscriptionEnded = "org.camaraproject.iot-sim-fraud-prevention.v0.subscription-ended";

    /// <summary>The types a consumer may subscribe to.</summary>
    public static IReadOnlyList<string> Subscribable { get; } = [ImeiChange, AreaChange];

    /// <summary>
    /// The event a binding history event causes, or null: a violation (blocked or alert-only) by another device is
    /// an imei-change, one by a location outside the SIM's region an area-change. Missing IMEIs and unknown
    /// locations are neither: the network did not show a new device or area.
    /// </summary>
    public static string? ForHistoryEvent(string kind, string? detail) => kind is "violation" or "violation_alert"
        ? detail switch
        {
            "imei_mismatch" => ImeiChange,
            "region_mismatch" => AreaChange,
            _ => null,
        }
        : null;
}
