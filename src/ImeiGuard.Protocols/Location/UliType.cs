namespace ImeiGuard.Protocols.Location;

/// <summary>3GPP-User-Location-Info Geographic Location Type (TS 29.061 via TS 29.274 §8.21).</summary>
public enum UliType : byte
{
    Cgi = 0,
    Sai = 1,
    Rai = 2,
    Tai = 128,
    Ecgi = 129,
    TaiEcgi = 130,
    ENodeBId = 131,
    TaiENodeBId = 132,
    ExtendedENodeBId = 133,
    TaiExtendedENodeBId = 134,
    Ncgi = 135,
    FiveGsTai = 136,
    FiveGsTaiNcgi = 137,
    NgRanNodeId = 138,
    FiveGsTaiNgRanNodeId = 139,
}
