namespace ImeiGuard.Core.Bindings;

/// <summary>Admin actions of the device-sim-lock API.</summary>
public enum LockAction : byte
{
    /// <summary>Arm the lock (pair the next device seen).</summary>
    Enable = 1,

    /// <summary>Stop enforcing and forget the pairing.</summary>
    Disable = 2,

    /// <summary>Forget the pairing but keep enforcing: the next device seen is paired.</summary>
    Reset = 3,
}
