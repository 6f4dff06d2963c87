using System.Buffers.Binary;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Replay;

internal sealed partial class JsonRecordWriter
{
    /// <summary>Bits of the NCI (TS 38.413 §9.3.1.7).</summary>
    private const ulong NciMask = (1UL << 36) - 1;

    /// <summary>
    /// The <c>location</c> object with only the keys its ULI type carries, as in the corpus: <c>mcc</c>/<c>mnc</c>
    /// of the area (or of the cell when there is no area); <c>lac</c>, <c>rac</c> and <c>rac_field</c> (the
    /// 2-octet GTP field, RAC then filler), <c>sac</c>, <c>ci</c>; <c>tac</c>; <c>eci</c>; <c>nci</c> with the
    /// raw <c>ncgi_hex</c> and the other reading <c>nci_spare_first</c>; <c>cell_mcc</c>/<c>cell_mnc</c> for the
    /// combined types; <c>enodeb_id</c> for the eNodeB types (not in the corpus). Null when nothing was decoded,
    /// and for types 138/139, whose NG-RAN node layout is unconfirmed (the corpus lists them as raw_only).
    /// </summary>
    private void WriteLocation(scoped in AccountingRequest r)
    {
        var location = r.Location;
        if (!location.IsPresent || location.Type is UliType.NgRanNodeId or UliType.FiveGsTaiNgRanNodeId)
        {
            _json.WriteNull("location"u8);
            return;
        }

        var raw = r.UserLocationInfoRaw;
        _json.WriteStartObject("location"u8);
        WritePlmn("mcc"u8, "mnc"u8, location.Plmn);
        if (location.HasLac)
        {
            _json.WriteNumber("lac"u8, location.Lac);
        }

        if (location.Type == UliType.Rai)
        {
            _json.WriteNumber("rac"u8, location.Rac);

            // type(1) PLMN(3) LAC(2) RAC(1) filler(1): the filler octet is optional on the wire.
            if (raw.Length >= 8)
            {
                _json.WriteNumber("rac_field"u8, BinaryPrimitives.ReadUInt16BigEndian(raw[6..]));
            }
        }

        if (location.CellKind == CellIdKind.Sac)
        {
            _json.WriteNumber("sac"u8, location.Sac);
        }

        if (location.HasTac)
        {
            _json.WriteNumber("tac"u8, location.Tac);
        }

        if (location.Type is UliType.TaiEcgi or UliType.TaiENodeBId or UliType.TaiExtendedENodeBId or UliType.FiveGsTaiNcgi)
        {
            WritePlmn("cell_mcc"u8, "cell_mnc"u8, location.CellPlmn);
        }

        WriteCell(location, raw);
        _json.WriteEndObject();
    }

    private void WriteCell(in UserLocation location, ReadOnlySpan<byte> raw)
    {
        switch (location.CellKind)
        {
            case CellIdKind.Ci:
                _json.WriteNumber("ci"u8, location.CellId);
                break;
            case CellIdKind.Eci:
                _json.WriteNumber("eci"u8, location.CellId);
                break;
            case CellIdKind.MacroENodeBId or CellIdKind.ExtendedENodeBId:
                _json.WriteNumber("enodeb_id"u8, location.CellId);
                break;
            case CellIdKind.Nci:
                // The NCGI ends the value: PLMN(3) then 5 octets holding the 36-bit NCI and 4 spare bits.
                var ncgi = raw[^5..];
                _json.WriteNumber("nci"u8, location.CellId);
                WriteHex("ncgi_hex"u8, ncgi);
                _json.WriteNumber("nci_spare_first"u8, (((ulong)ncgi[0] << 32) | BinaryPrimitives.ReadUInt32BigEndian(ncgi[1..])) & NciMask);
                break;
        }
    }

    private void WritePlmn(ReadOnlySpan<byte> mccName, ReadOnlySpan<byte> mncName, PlmnId plmn)
    {
        if (plmn.IsEmpty)
        {
            _json.WriteNull(mccName);
            _json.WriteNull(mncName);
            return;
        }

        var text = _bytes.AsSpan();
        var n = FormatPlmn(plmn, text, out var mccLength);
        _json.WriteString(mccName, text[..mccLength]);
        _json.WriteString(mncName, text[mccLength..n]);
    }
}
