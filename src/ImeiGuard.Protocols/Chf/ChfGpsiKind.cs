namespace ImeiGuard.Protocols.Chf;

/// <summary>The form of <c>servedGPSI</c> (TS 29.571 §5.3 Gpsi).</summary>
public enum ChfGpsiKind : byte
{
    /// <summary>No servedGPSI in the request.</summary>
    None = 0,

    /// <summary><c>msisdn-</c> and 5..15 digits: <see cref="ChargingDataRecord.MsisdnValue"/> holds them.</summary>
    Msisdn,

    /// <summary><c>extid-&lt;id&gt;@&lt;domain&gt;</c>: an External Identifier (TS 23.003 §19.7.2); no MSISDN.</summary>
    ExternalId,
}
