namespace ImeiGuard.Protocols.Identifiers;

/// <summary>
/// A Permanent Equipment Identifier as reported: the device identity plus the form it came in.
/// TS 22.016 §3: the check digit is not always transmitted, so <see cref="LuhnOk"/> is recorded, never enforced.
/// </summary>
public readonly record struct Pei(Imei Device, PeiKind Kind, PeiWireForm WireForm, byte TrailingDigits, bool? LuhnOk)
{
    /// <summary>True when no equipment identity was reported.</summary>
    public bool IsEmpty => Device.IsEmpty;
}

/// <summary>How many digits the identity had, and so what its trailing digits mean.</summary>
public enum PeiKind : byte
{
    None = 0,

    /// <summary>14 digits: TAC + SNR with no check digit.</summary>
    Imei14,

    /// <summary>15 digits: TAC + SNR + check digit (<see cref="Pei.TrailingDigits"/>).</summary>
    Imei15,

    /// <summary>16 digits: TAC + SNR + software version (<see cref="Pei.TrailingDigits"/>).</summary>
    Imeisv16,
}

/// <summary>How 3GPP-IMEISV carried the digits.</summary>
public enum PeiWireForm : byte
{
    None = 0,
    Ascii,
    Tbcd,
    Text,
}
