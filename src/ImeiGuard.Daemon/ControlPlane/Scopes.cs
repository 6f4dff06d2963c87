namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>Authorization scopes of the control plane; each is also the name of its policy.</summary>
internal static class Scopes
{
    public const string SimLockWrite = "simlock:write";
    public const string SimLockRead = "simlock:read";
    public const string EnforcementRead = "enforcement:read";
    public const string SubscribersWrite = "subscribers:write";
    public const string CellsWrite = "cells:write";

    public static IReadOnlyList<string> All { get; } = [SimLockWrite, SimLockRead, EnforcementRead, SubscribersWrite, CellsWrite];
}
