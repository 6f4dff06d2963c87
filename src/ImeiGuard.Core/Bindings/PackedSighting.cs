using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// A <see cref="Sighting"/> as the binding table keeps it: 48 bytes instead of 72. <see cref="Sighting"/> embeds
/// <see cref="UserLocation"/>, a sequential record struct whose bools and bytes sit between wider fields (48 bytes
/// with 14 of padding); here every field is ordered widest first and the three location flags share one
/// byte, so nothing is padding. The PLMNs are kept as <see cref="PlmnId.Key"/>, the form the stores persist
/// (<see cref="SightingCodec"/>), so a sighting reads back the same from the table as from the store.
/// </summary>
internal readonly struct PackedSighting
{
    private const byte FlagLocation = 1, FlagHasLac = 2, FlagHasTac = 4;

    private readonly long _atUnixMs;
    private readonly ulong _cellId;
    private readonly Imei _imei;
    private readonly uint _nasIp;
    private readonly uint _tac;
    private readonly int _plmnKey;
    private readonly int _cellPlmnKey;
    private readonly ushort _lac;
    private readonly ushort _sac;
    private readonly UliType _type;
    private readonly CellIdKind _cellKind;
    private readonly byte _rac;
    private readonly byte _flags;

    public PackedSighting(in Sighting sighting)
    {
        var l = sighting.Location;
        _atUnixMs = sighting.AtUnixMs;
        _imei = sighting.Imei;
        _nasIp = sighting.NasIp;
        _cellId = l.CellId;
        _tac = l.Tac;
        _plmnKey = l.Plmn.Key;
        _cellPlmnKey = l.CellPlmn.Key;
        _lac = l.Lac;
        _sac = l.Sac;
        _type = l.Type;
        _cellKind = l.CellKind;
        _rac = l.Rac;
        _flags = (byte)((l.IsPresent ? FlagLocation : 0) | (l.HasLac ? FlagHasLac : 0) | (l.HasTac ? FlagHasTac : 0));
    }

    /// <summary>When it was observed, Unix ms; 0 when nothing was recorded.</summary>
    public long AtUnixMs => _atUnixMs;

    /// <summary>True when both were seen on the same device, at the same location, through the same NAS: all but the time.</summary>
    public bool SameDeviceAndPlace(in PackedSighting other) =>
        _imei.Equals(other._imei) && _cellId == other._cellId && _nasIp == other._nasIp && _tac == other._tac
        && _plmnKey == other._plmnKey && _cellPlmnKey == other._cellPlmnKey && _lac == other._lac && _sac == other._sac
        && _type == other._type && _cellKind == other._cellKind && _rac == other._rac && _flags == other._flags;

    public Sighting ToSighting() => new()
    {
        AtUnixMs = _atUnixMs,
        Imei = _imei,
        NasIp = _nasIp,
        Location = new UserLocation
        {
            IsPresent = (_flags & FlagLocation) != 0,
            Type = _type,
            Plmn = SightingCodec.FromKey(_plmnKey),
            CellPlmn = SightingCodec.FromKey(_cellPlmnKey),
            Lac = _lac,
            HasLac = (_flags & FlagHasLac) != 0,
            Tac = _tac,
            HasTac = (_flags & FlagHasTac) != 0,
            CellId = _cellId,
            CellKind = _cellKind,
            Sac = _sac,
            Rac = _rac,
        },
    };
}
