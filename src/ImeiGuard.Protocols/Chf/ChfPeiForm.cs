namespace ImeiGuard.Protocols.Chf;

/// <summary>The form of <c>servedPEI</c> (TS 29.571 §5.3 Pei).</summary>
public enum ChfPeiForm : byte
{
    /// <summary>No servedPEI in the request.</summary>
    None = 0,

    /// <summary><c>imei-</c> and 15 digits: <see cref="ChargingDataRecord.Pei"/> holds it.</summary>
    Imei,

    /// <summary><c>imeisv-</c> and 16 digits: <see cref="ChargingDataRecord.Pei"/> holds it.</summary>
    Imeisv,

    /// <summary><c>mac-</c>: a 5G-RG/FN-RG MAC address (TS 23.316 §4.7.7); no IMEI.</summary>
    Mac,

    /// <summary><c>eui-</c>: an EUI-64; no IMEI.</summary>
    Eui64,
}
