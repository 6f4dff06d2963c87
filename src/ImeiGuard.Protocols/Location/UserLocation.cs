using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Protocols.Location;

/// <summary>
/// A decoded user location, common to RADIUS 3GPP-User-Location-Info and CHF UserLocation.
/// <see cref="Plmn"/> is the PLMN of the area (LAI/RAI/SAI/TAI) or, when only a cell is present,
/// of the cell; <see cref="CellPlmn"/> is the PLMN of the cell global identity for combined types.
/// Fields that the location type does not carry are zero and their Has* flag is false.
/// </summary>
public readonly record struct UserLocation
{
    /// <summary>True when any location was decoded.</summary>
    public bool IsPresent { get; init; }

    /// <summary>The ULI geographic location type (for CHF: Tai/Ecgi/TaiEcgi/FiveGsTaiNcgi equivalents).</summary>
    public UliType Type { get; init; }

    /// <summary>PLMN of the area, or of the cell when there is no area.</summary>
    public PlmnId Plmn { get; init; }

    /// <summary>PLMN of the cell (ECGI/NCGI) in combined types; equals <see cref="Plmn"/> otherwise.</summary>
    public PlmnId CellPlmn { get; init; }

    /// <summary>Location Area Code (CGI, SAI, RAI).</summary>
    public ushort Lac { get; init; }

    public bool HasLac { get; init; }

    /// <summary>Tracking Area Code: 16-bit for EPS, 24-bit for 5GS.</summary>
    public uint Tac { get; init; }

    public bool HasTac { get; init; }

    /// <summary>Cell identity: CI (16 bit), ECI (28 bit), NCI (36 bit) or eNodeB ID, as <see cref="CellKind"/> says.</summary>
    public ulong CellId { get; init; }

    public CellIdKind CellKind { get; init; }

    /// <summary>Service Area Code (SAI).</summary>
    public ushort Sac { get; init; }

    /// <summary>Routing Area Code (RAI, first octet of the 2-octet GTP field).</summary>
    public byte Rac { get; init; }

    /// <summary>The area code that region rules compare: TAC when present, else LAC.</summary>
    public uint AreaCode => HasTac ? Tac : Lac;
}

/// <summary>What <see cref="UserLocation.CellId"/> holds.</summary>
public enum CellIdKind : byte
{
    None = 0,
    Ci,
    Sac,
    Eci,
    Nci,
    MacroENodeBId,
    ExtendedENodeBId,
}
