namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// RatType of TS 29.571 §5.4 (Rel-17 enumeration). The schema also allows any other string
/// (<c>anyOf: [enum, string]</c>), which reads as <see cref="Other"/>. <see cref="ChfRatTypes.WireName(ChfRatType)"/>
/// gives the wire spelling.
/// </summary>
public enum ChfRatType : byte
{
    /// <summary>No ratType in the request.</summary>
    None = 0,

    /// <summary>A string the enumeration does not list.</summary>
    Other,

    Nr,
    Eutra,
    Wlan,
    Virtual,
    NbIot,
    Wireline,
    WirelineCable,
    WirelineBbf,
    LteM,
    NrU,
    EutraU,
    TrustedN3ga,
    TrustedWlan,
    Utra,
    Gera,
    NrLeo,
    NrMeo,
    NrGeo,
    NrOtherSat,
    NrRedCap,
    WbEutranLeo,
    WbEutranMeo,
    WbEutranGeo,
    WbEutranOtherSat,
    NbIotLeo,
    NbIotMeo,
    NbIotGeo,
    NbIotOtherSat,
    LteMLeo,
    LteMMeo,
    LteMGeo,
    LteMOtherSat,
}
