namespace ImeiGuard.Core.Bindings;

/// <summary>
/// The lifecycle of a SIM's device lock. See docs/architecture.md for the transition table.
/// </summary>
public enum LockState : byte
{
    /// <summary>No enforcement. A SIM without any binding behaves the same way.</summary>
    Disabled = 0,

    /// <summary>Lock enabled, no device paired yet: the next IMEI seen becomes the bound device.</summary>
    Armed = 1,

    /// <summary>Bound to one device; other devices are violations.</summary>
    Locked = 2,

    /// <summary>Another device was seen; a block command was issued. Stays so until an admin RESETs or DISABLEs.</summary>
    Violated = 3,
}
