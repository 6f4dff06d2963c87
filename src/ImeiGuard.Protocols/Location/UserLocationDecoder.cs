using System.Buffers.Binary;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Protocols.Location;

/// <summary>
/// Decodes the binary 3GPP-User-Location-Info value (<c>GeoLocType(1) || fields</c>). The same octets
/// appear in the CHF CDR field <c>userLocationInformation</c> (TS 32.298), so the decoder is not tied to RADIUS.
/// </summary>
public static class UserLocationDecoder
{
    // Octet counts after the type octet (protocols.md B.2; TS 29.274 §8.21.1..§8.21.8 field layouts).
    private const int PlmnOctets = 3;
    private const int CgiOctets = 7;
    private const int RaiOctets = 7;
    private const int RaiOctetsWithoutFiller = 6;
    private const int TaiOctets = 5;
    private const int EcgiOctets = 7;
    private const int ENodeBOctets = 6;
    private const int NcgiOctets = 8;
    private const int FiveGsTaiOctets = 6;

    private const uint EciMask = 0x0FFF_FFFF;
    private const uint MacroENodeBMask = 0x0F_FFFF;
    private const uint ShortMacroENodeBMask = 0x3_FFFF;
    private const uint LongMacroENodeBMask = 0x1F_FFFF;
    private const ulong NciMask = 0xF_FFFF_FFFF;
    private const byte SmeNbFlag = 0x80;

    /// <summary>
    /// Decodes a 3GPP-User-Location-Info value. TS 29.061 §16.4.7.2 (3GPP-User-Location-Info) defines the
    /// type octet; the field layouts are those of the GTP ULI IE, TS 29.274 §8.21 (CGI, SAI, RAI, TAI, ECGI,
    /// macro and extended macro eNodeB ID), with the 5GS TAI (24-bit TAC) and the NCGI (36-bit NCI) added by
    /// TS 29.061 Rel-15+. Combined types put the area first, then the cell, each with its own PLMN.
    /// </summary>
    /// <param name="value">The sub-attribute value, starting with the type octet.</param>
    /// <param name="ncgiLayout">Where the 4 spare bits of the NCGI cell field sit (UNCONFIRMED, see protocols.md E.1).</param>
    /// <param name="extendedENodeBFlag">SMeNB flag polarity for types 133/134 (UNCONFIRMED, E.3).</param>
    /// <param name="location">The decoded location; <c>default</c> when the value is unusable.</param>
    /// <returns>
    /// None; <see cref="RadiusParseError.UliTruncated"/> when there are fewer octets than the type needs;
    /// <see cref="RadiusParseError.UliLengthMismatch"/> when there are more. Spare types (3..127, 140..255)
    /// return None with <see cref="UserLocation.IsPresent"/> false, since nothing about them can be trusted.
    /// Types 138 and 139 (NG-RAN node ID, layout UNCONFIRMED) keep only the type and the leading PLMN.
    /// </returns>
    public static RadiusParseError TryDecode(
        ReadOnlySpan<byte> value,
        NcgiLayout ncgiLayout,
        ExtendedENodeBFlag extendedENodeBFlag,
        out UserLocation location)
    {
        location = default;
        if (value.IsEmpty)
        {
            return RadiusParseError.UliTruncated;
        }

        var type = (UliType)value[0];
        var body = value[1..];
        var status = CheckLength(type, body.Length);
        if (status != RadiusParseError.None || !IsKnown(type))
        {
            return status;
        }

        location = type switch
        {
            UliType.Cgi => Area(type, body) with { CellId = ReadUInt16(body, 5), CellKind = CellIdKind.Ci },
            UliType.Sai => Area(type, body) with { Sac = ReadUInt16(body, 5), CellId = ReadUInt16(body, 5), CellKind = CellIdKind.Sac },
            UliType.Rai => Area(type, body) with { Rac = body[5] },
            UliType.Tai => Tai(type, body, tacOctets: 2),
            UliType.FiveGsTai => Tai(type, body, tacOctets: 3),
            UliType.Ecgi => Ecgi(Cell(type, body), body),
            UliType.TaiEcgi => Ecgi(Combined(type, body, TaiOctets, tacOctets: 2), body[TaiOctets..]),
            UliType.ENodeBId => MacroENodeB(Cell(type, body), body),
            UliType.TaiENodeBId => MacroENodeB(Combined(type, body, TaiOctets, tacOctets: 2), body[TaiOctets..]),
            UliType.ExtendedENodeBId => ExtendedENodeB(Cell(type, body), body, extendedENodeBFlag),
            UliType.TaiExtendedENodeBId => ExtendedENodeB(Combined(type, body, TaiOctets, tacOctets: 2), body[TaiOctets..], extendedENodeBFlag),
            UliType.Ncgi => Ncgi(Cell(type, body), body, ncgiLayout),
            UliType.FiveGsTaiNcgi => Ncgi(Combined(type, body, FiveGsTaiOctets, tacOctets: 3), body[FiveGsTaiOctets..], ncgiLayout),

            // 138/139: the NG-RAN node ID layout is not confirmed (protocols.md E.2): keep what is certain.
            _ => Cell(type, body),
        };
        return RadiusParseError.None;
    }

    /// <summary>Octets that each type needs after the type octet; the RAI filler octet is optional.</summary>
    private static RadiusParseError CheckLength(UliType type, int length)
    {
        var (min, max) = type switch
        {
            UliType.Cgi or UliType.Sai => (CgiOctets, CgiOctets),
            UliType.Rai => (RaiOctetsWithoutFiller, RaiOctets),
            UliType.Tai => (TaiOctets, TaiOctets),
            UliType.Ecgi => (EcgiOctets, EcgiOctets),
            UliType.TaiEcgi => (TaiOctets + EcgiOctets, TaiOctets + EcgiOctets),
            UliType.ENodeBId or UliType.ExtendedENodeBId => (ENodeBOctets, ENodeBOctets),
            UliType.TaiENodeBId or UliType.TaiExtendedENodeBId => (TaiOctets + ENodeBOctets, TaiOctets + ENodeBOctets),
            UliType.Ncgi => (NcgiOctets, NcgiOctets),
            UliType.FiveGsTai => (FiveGsTaiOctets, FiveGsTaiOctets),
            UliType.FiveGsTaiNcgi => (FiveGsTaiOctets + NcgiOctets, FiveGsTaiOctets + NcgiOctets),
            UliType.NgRanNodeId or UliType.FiveGsTaiNgRanNodeId => (PlmnOctets, int.MaxValue),
            _ => (0, int.MaxValue),
        };

        return length < min ? RadiusParseError.UliTruncated
            : length > max ? RadiusParseError.UliLengthMismatch
            : RadiusParseError.None;
    }

    private static bool IsKnown(UliType type) =>
        type is <= UliType.Rai or (>= UliType.Tai and <= UliType.FiveGsTaiNgRanNodeId);

    private static ushort ReadUInt16(ReadOnlySpan<byte> body, int offset) =>
        BinaryPrimitives.ReadUInt16BigEndian(body.Slice(offset, 2));

    private static uint ReadUInt24(ReadOnlySpan<byte> octets) =>
        (uint)((octets[0] << 16) | (octets[1] << 8) | octets[2]);

    private static PlmnId Plmn(ReadOnlySpan<byte> octets) =>
        Tbcd.TryReadPlmn(octets, out var plmn) ? plmn : default;

    /// <summary>CGI, SAI and RAI: PLMN(3) LAC(2) then the type-specific part.</summary>
    private static UserLocation Area(UliType type, ReadOnlySpan<byte> body)
    {
        var plmn = Plmn(body);
        return new UserLocation
        {
            IsPresent = true,
            Type = type,
            Plmn = plmn,
            CellPlmn = plmn,
            Lac = ReadUInt16(body, PlmnOctets),
            HasLac = true,
        };
    }

    /// <summary>TAI (16-bit TAC) or 5GS TAI (24-bit TAC): PLMN(3) TAC.</summary>
    private static UserLocation Tai(UliType type, ReadOnlySpan<byte> body, int tacOctets)
    {
        var plmn = Plmn(body);
        var tac = tacOctets == 2 ? ReadUInt16(body, PlmnOctets) : ReadUInt24(body[PlmnOctets..]);
        return new UserLocation { IsPresent = true, Type = type, Plmn = plmn, CellPlmn = plmn, Tac = tac, HasTac = true };
    }

    /// <summary>A cell-only type: the cell's PLMN is also the location's PLMN.</summary>
    private static UserLocation Cell(UliType type, ReadOnlySpan<byte> body)
    {
        var plmn = Plmn(body);
        return new UserLocation { IsPresent = true, Type = type, Plmn = plmn, CellPlmn = plmn };
    }

    /// <summary>A combined type: the TAI gives <see cref="UserLocation.Plmn"/>, the cell part its own PLMN.</summary>
    private static UserLocation Combined(UliType type, ReadOnlySpan<byte> body, int taiOctets, int tacOctets) =>
        Tai(type, body, tacOctets) with { CellPlmn = Plmn(body[taiOctets..]) };

    /// <summary>ECGI: PLMN(3) + 4 spare bits + 28-bit ECI (TS 29.274 §8.21.5).</summary>
    private static UserLocation Ecgi(UserLocation location, ReadOnlySpan<byte> ecgi) => location with
    {
        CellId = BinaryPrimitives.ReadUInt32BigEndian(ecgi.Slice(PlmnOctets, 4)) & EciMask,
        CellKind = CellIdKind.Eci,
    };

    /// <summary>Macro eNodeB ID: PLMN(3) + 4 spare bits + 20-bit eNB ID (TS 29.274 §8.21.7).</summary>
    private static UserLocation MacroENodeB(UserLocation location, ReadOnlySpan<byte> enb) => location with
    {
        CellId = ReadUInt24(enb[PlmnOctets..]) & MacroENodeBMask,
        CellKind = CellIdKind.MacroENodeBId,
    };

    /// <summary>
    /// Extended macro eNodeB ID (TS 29.274 §8.21.8): the top bit is the SMeNB flag, then an 18-bit short or a
    /// 21-bit long macro eNB ID, right-aligned. The flag polarity is configurable (protocols.md E.3).
    /// </summary>
    private static UserLocation ExtendedENodeB(UserLocation location, ReadOnlySpan<byte> enb, ExtendedENodeBFlag flagMeaning)
    {
        var octets = enb[PlmnOctets..];
        var flagSet = (octets[0] & SmeNbFlag) != 0;
        var isShort = flagMeaning == ExtendedENodeBFlag.SetMeansShort ? flagSet : !flagSet;
        var raw = ReadUInt24(octets);
        return location with
        {
            CellId = raw & (isShort ? ShortMacroENodeBMask : LongMacroENodeBMask),
            CellKind = CellIdKind.ExtendedENodeBId,
        };
    }

    /// <summary>
    /// NCGI: PLMN(3) + 5 octets holding the 36-bit NCI and 4 spare bits. Wireshark reads the NCI from the
    /// first 36 bits (<see cref="NcgiLayout.SpareLast"/>), cgrates from the last 36 (protocols.md B.2, E.1).
    /// </summary>
    private static UserLocation Ncgi(UserLocation location, ReadOnlySpan<byte> ncgi, NcgiLayout layout)
    {
        var octets = ncgi.Slice(PlmnOctets, 5);
        var raw = ((ulong)octets[0] << 32) | BinaryPrimitives.ReadUInt32BigEndian(octets[1..]);
        return location with
        {
            CellId = layout == NcgiLayout.SpareFirst ? raw & NciMask : raw >> 4,
            CellKind = CellIdKind.Nci,
        };
    }
}
