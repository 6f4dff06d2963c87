namespace ImeiGuard.Protocols.Chf;

/// <summary>The form of <c>subscriberIdentifier</c> (TS 29.571 §5.3 Supi; TS 23.003 §2.2A).</summary>
public enum ChfSupiKind : byte
{
    /// <summary>No subscriberIdentifier in the request.</summary>
    None = 0,

    /// <summary><c>imsi-</c>: <see cref="ChargingDataRecord.Imsi"/> holds the digits.</summary>
    Imsi,

    /// <summary><c>nai-</c>: a network specific identifier; no IMSI.</summary>
    Nai,

    /// <summary><c>gci-</c>: Global Cable Identifier (wireline); no IMSI.</summary>
    Gci,

    /// <summary><c>gli-</c>: Global Line Identifier (wireline); no IMSI.</summary>
    Gli,
}
