namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>Authorization scopes of the control plane; each is also the name of its policy.</summary>
internal static class Scopes
{
    public const string SimLockWrite = "simlock:write";
    public const string SimLockRead = "simlock:read";
    public const string EnforcementRead = "enforcement:read";
    public const string SubscribersWrite = "subscribers:write";
    public const string CellsWrite = "cells:write";

    // CAMARA IoT SIM Fraud Prevention: the scopes of the specs' security requirements (docs/camara.md).
    public const string FraudPreventionBind = "iot-sim-fraud-prevention:bind";
    public const string FraudPreventionUnbind = "iot-sim-fraud-prevention:unbind";
    public const string FraudPreventionQuery = "iot-sim-fraud-prevention:query";
    public const string FraudPreventionSubscribe = "iot-sim-fraud-prevention-subscriptions:subscribe";
    public const string FraudPreventionSubscriptionsRead = "iot-sim-fraud-prevention-subscriptions:read";
    public const string FraudPreventionSubscriptionsDelete = "iot-sim-fraud-prevention-subscriptions:delete";

    public static IReadOnlyList<string> All { get; } =
    [
        SimLockWrite, SimLockRead, EnforcementRead, SubscribersWrite, CellsWrite,
        FraudPreventionBind, FraudPreventionUnbind, FraudPreventionQuery,
        FraudPreventionSubscribe, FraudPreventionSubscriptionsRead, FraudPreventionSubscriptionsDelete,
    ];
}
