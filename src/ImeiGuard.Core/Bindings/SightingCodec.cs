using System.Buffers.Binary;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Core.Bindings;

/// <summary>
/// A fixed 52-octet binary form of <see cref="Sighting"/> for stores: compact, versioned by its first
/// octet, and independent of any serializer. Layout (big-endian):
/// ver(1) flags(1) uliType(1) cellKind(1) atMs(8) imei+1(8) nasIp(4) plmnKey(4) cellPlmnKey(4)
/// lac(2) sac(2) tac(4) cellId(8) rac(1) pad(3).
/// </summary>
public static class SightingCodec
{
    public const int Size = 52;
    private const byte Version = 1;
    private const byte FlagPresent = 1, FlagHasLac = 2, FlagHasTac = 4, FlagLocation = 8;

    public static byte[] Encode(in Sighting s)
    {
        var buffer = new byte[Size];
        Write(buffer, s);
        return buffer;
    }

    public static void Write(Span<byte> d, in Sighting s)
    {
        var l = s.Location;
        d[0] = Version;
        d[1] = (byte)((s.IsPresent ? FlagPresent : 0) | (l.HasLac ? FlagHasLac : 0) | (l.HasTac ? FlagHasTac : 0) | (l.IsPresent ? FlagLocation : 0));
        d[2] = (byte)l.Type;
        d[3] = (byte)l.CellKind;
        BinaryPrimitives.WriteInt64BigEndian(d[4..], s.AtUnixMs);
        BinaryPrimitives.WriteUInt64BigEndian(d[12..], s.Imei.IsEmpty ? 0 : s.Imei.Value + 1);
        BinaryPrimitives.WriteUInt32BigEndian(d[20..], s.NasIp);
        BinaryPrimitives.WriteInt32BigEndian(d[24..], l.Plmn.Key);
        BinaryPrimitives.WriteInt32BigEndian(d[28..], l.CellPlmn.Key);
        BinaryPrimitives.WriteUInt16BigEndian(d[32..], l.Lac);
        BinaryPrimitives.WriteUInt16BigEndian(d[34..], l.Sac);
        BinaryPrimitives.WriteUInt32BigEndian(d[36..], l.Tac);
        BinaryPrimitives.WriteUInt64BigEndian(d[40..], l.CellId);
        d[48] = l.Rac;
        d[49] = d[50] = d[51] = 0;
    }

    public static Sighting Read(ReadOnlySpan<byte> d)
    {
        if (d.Length < Size || d[0] != Version || (d[1] & FlagPresent) == 0)
        {
            return default;
        }

        var imeiPlusOne = BinaryPrimitives.ReadUInt64BigEndian(d[12..]);
        var location = (d[1] & FlagLocation) == 0 ? default : new UserLocation
        {
            IsPresent = true,
            Type = (UliType)d[2],
            CellKind = (CellIdKind)d[3],
            Plmn = FromKey(BinaryPrimitives.ReadInt32BigEndian(d[24..])),
            CellPlmn = FromKey(BinaryPrimitives.ReadInt32BigEndian(d[28..])),
            Lac = BinaryPrimitives.ReadUInt16BigEndian(d[32..]),
            HasLac = (d[1] & FlagHasLac) != 0,
            Sac = BinaryPrimitives.ReadUInt16BigEndian(d[34..]),
            Tac = BinaryPrimitives.ReadUInt32BigEndian(d[36..]),
            HasTac = (d[1] & FlagHasTac) != 0,
            CellId = BinaryPrimitives.ReadUInt64BigEndian(d[40..]),
            Rac = d[48],
        };
        return new Sighting
        {
            AtUnixMs = BinaryPrimitives.ReadInt64BigEndian(d[4..]),
            Imei = imeiPlusOne == 0 ? default : Imei.FromValue(imeiPlusOne - 1),
            NasIp = BinaryPrimitives.ReadUInt32BigEndian(d[20..]),
            Location = location,
        };
    }

    // Inverse of PlmnId.Key: (mncDigits << 20) | (mcc << 10) | mnc. Lossless for every PLMN the decoders produce
    // (3-digit MCC, 2- or 3-digit MNC); the binding table's PackedSighting keeps PLMNs in the same form.
    internal static PlmnId FromKey(int key) =>
        key == 0 ? default : new PlmnId((ushort)((key >> 10) & 0x3FF), (ushort)(key & 0x3FF), (byte)(key >> 20));
}
