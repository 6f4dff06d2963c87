using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Protocols.Chf;

/// <summary>The location members: TS 29.571 §5.4 UserLocation and the TAI / cell global identities in it.</summary>
internal ref partial struct ChfDocumentParser
{
    /// <summary>
    /// TS 29.571 §5.4 UserLocation: eutraLocation (TAI + ECGI) and/or nrLocation (TAI + NCGI). When both are present
    /// the NR location is kept, being the 5GS one. n3gaLocation, utraLocation and geraLocation are skipped, so a
    /// location with only those reads as not present.
    /// </summary>
    private bool ReadUserLocation(out UserLocation location)
    {
        location = default;
        if (!BeginObject(out var isObject) || !isObject)
        {
            return CanContinue;
        }

        const int Eutra = 0, Nr = 1;
        UserLocation eutra = default, nr = default;
        uint seen = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                break;
            }

            var member =
                _json.ValueTextEquals("eutraLocation"u8) ? Eutra :
                _json.ValueTextEquals("nrLocation"u8) ? Nr : -1;
            if (!TakeMember(member, ref seen, out var take))
            {
                return false;
            }

            var ok = !take || (member == Nr ? ReadRadioLocation(nr: true, out nr) : ReadRadioLocation(nr: false, out eutra));
            if (!ok)
            {
                return false;
            }
        }

        location = nr.IsPresent ? nr : eutra;
        return true;
    }

    /// <summary>
    /// TS 29.571 §5.4 EutraLocation {tai, ecgi} (ULI type TAI+ECGI) or NrLocation {tai, ncgi} (5GS TAI+NCGI), both
    /// members required. <see cref="UserLocation.Plmn"/> is the TAI's PLMN, <see cref="UserLocation.CellPlmn"/> the cell's.
    /// </summary>
    private bool ReadRadioLocation(bool nr, out UserLocation location)
    {
        location = default;
        if (!BeginObject(out var isObject) || !isObject)
        {
            return CanContinue;
        }

        const int Tai = 0, Cell = 1;
        PlmnId areaPlmn = default, cellPlmn = default;
        ulong tac = 0;
        ulong cellId = 0;
        uint seen = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                break;
            }

            var member =
                _json.ValueTextEquals("tai"u8) ? Tai :
                _json.ValueTextEquals(nr ? "ncgi"u8 : "ecgi"u8) ? Cell : -1;
            if (!TakeMember(member, ref seen, out var take))
            {
                return false;
            }

            var ok = !take || (member == Tai ? ReadTai(out areaPlmn, out tac) : ReadCellGlobalId(nr, out cellPlmn, out cellId));
            if (!ok)
            {
                return false;
            }
        }

        const uint Both = (1u << Tai) | (1u << Cell);
        Require(seen, Both);
        if (seen == Both)
        {
            location = new UserLocation
            {
                IsPresent = true,
                Type = nr ? UliType.FiveGsTaiNcgi : UliType.TaiEcgi,
                Plmn = areaPlmn,
                CellPlmn = cellPlmn,
                Tac = (uint)tac,
                HasTac = true,
                CellId = cellId,
                CellKind = nr ? CellIdKind.Nci : CellIdKind.Eci,
            };
        }

        return true;
    }

    /// <summary>TS 29.571 §5.4 Tai {plmnId, tac}: tac is 4 hex digits (16-bit EPS TAC) or 6 (24-bit 5GS TAC).</summary>
    private bool ReadTai(out PlmnId plmn, out ulong tac)
    {
        plmn = default;
        tac = 0;
        if (!BeginObject(out var isObject) || !isObject)
        {
            return CanContinue;
        }

        const int Plmn = 0, Tac = 1;
        uint seen = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                break;
            }

            var member =
                _json.ValueTextEquals("plmnId"u8) ? Plmn :
                _json.ValueTextEquals("tac"u8) ? Tac : -1;
            if (!TakeMember(member, ref seen, out var take))
            {
                return false;
            }

            var ok = !take || (member == Plmn ? ReadPlmnId(out plmn) : ReadHex(4, 6, out tac));
            if (!ok)
            {
                return false;
            }
        }

        Require(seen, (1u << Plmn) | (1u << Tac));
        return true;
    }

    /// <summary>
    /// TS 29.571 §5.4 Ecgi {plmnId, eutraCellId: 7 hex digits, 28 bits} or Ncgi {plmnId, nrCellId: 9 hex digits, 36 bits}.
    /// </summary>
    private bool ReadCellGlobalId(bool nr, out PlmnId plmn, out ulong cellId)
    {
        plmn = default;
        cellId = 0;
        if (!BeginObject(out var isObject) || !isObject)
        {
            return CanContinue;
        }

        const int Plmn = 0, CellId = 1;
        uint seen = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                break;
            }

            var member =
                _json.ValueTextEquals("plmnId"u8) ? Plmn :
                _json.ValueTextEquals(nr ? "nrCellId"u8 : "eutraCellId"u8) ? CellId : -1;
            if (!TakeMember(member, ref seen, out var take))
            {
                return false;
            }

            var digits = nr ? 9 : 7;
            var ok = !take || (member == Plmn ? ReadPlmnId(out plmn) : ReadHex(digits, digits, out cellId));
            if (!ok)
            {
                return false;
            }
        }

        Require(seen, (1u << Plmn) | (1u << CellId));
        return true;
    }

    /// <summary>TS 29.571 §5.4 PlmnId {mcc: 3 digits, mnc: 2 or 3 digits}; the MNC digit count is kept.</summary>
    private bool ReadPlmnId(out PlmnId plmn)
    {
        plmn = default;
        if (!BeginObject(out var isObject) || !isObject)
        {
            return CanContinue;
        }

        const int Mcc = 0, Mnc = 1;
        uint seen = 0;
        ulong mcc = 0, mnc = 0;
        var mncDigits = 0;
        while (true)
        {
            if (!NextMember(out var end))
            {
                return false;
            }

            if (end)
            {
                break;
            }

            var member =
                _json.ValueTextEquals("mcc"u8) ? Mcc :
                _json.ValueTextEquals("mnc"u8) ? Mnc : -1;
            if (!TakeMember(member, ref seen, out var take))
            {
                return false;
            }

            if (!take)
            {
                continue;
            }

            if (!ReadString(out var text, out var has))
            {
                return false;
            }

            var valid = member == Mcc
                ? text.Length == 3 && ChfText.TryParseDigits(text, out mcc)
                : text.Length is 2 or 3 && ChfText.TryParseDigits(text, out mnc);
            if (has && !valid)
            {
                Flag(ChfParseError.SchemaPatternMismatch);
            }

            if (member == Mnc)
            {
                mncDigits = text.Length;
            }
        }

        Require(seen, (1u << Mcc) | (1u << Mnc));
        plmn = new PlmnId((ushort)mcc, (ushort)mnc, (byte)mncDigits);
        return true;
    }

    /// <summary>
    /// A hex string of exactly <paramref name="shortDigits"/> or <paramref name="longDigits"/> digits, most significant
    /// first (the schema patterns of Tac, EutraCellId, NrCellId); any other length or character is a pattern mismatch.
    /// </summary>
    private bool ReadHex(int shortDigits, int longDigits, out ulong value)
    {
        value = 0;
        if (!ReadString(out var text, out var has))
        {
            return false;
        }

        if (!has)
        {
            return true;
        }

        var digits = text.Length == longDigits ? longDigits : shortDigits;
        if (!ChfText.TryParseHex(text, digits, out value))
        {
            Flag(ChfParseError.SchemaPatternMismatch);
        }

        return true;
    }
}
