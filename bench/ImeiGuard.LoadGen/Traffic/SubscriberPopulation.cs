using System.Buffers.Text;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.LoadGen.Traffic;

/// <summary>
/// A deterministic population of subscribers: everything about subscriber <c>i</c> follows from <c>i</c>, so the
/// generator, the database seeder and the benchmarks agree without sharing state. IMSIs and devices are unique
/// for up to 8 million subscribers.
/// </summary>
internal static class SubscriberPopulation
{
    /// <summary>Home networks: the IMSI prefix (MCC+MNC digits), its MSIN length and the PLMN in TBCD (TS 24.008 §10.5.1.13).</summary>
    private static readonly (byte[] Digits, int MsinDigits, byte[] Tbcd)[] Plmns =
    [
        ("26201"u8.ToArray(), 10, [0x62, 0xF2, 0x10]),
        ("46003"u8.ToArray(), 10, [0x64, 0xF0, 0x30]),
        ("310410"u8.ToArray(), 9, [0x13, 0x00, 0x14]),
    ];

    /// <summary>Type Allocation Codes of common handsets and modules (8 digits each).</summary>
    private static readonly byte[][] Tacs =
    [
        "86446103"u8.ToArray(), "35349006"u8.ToArray(), "35332811"u8.ToArray(), "35798611"u8.ToArray(),
        "86891304"u8.ToArray(), "35170813"u8.ToArray(), "01326300"u8.ToArray(), "35875810"u8.ToArray(),
    ];

    /// <summary>Most subscribers with distinct IMSIs and devices.</summary>
    public const int MaxCount = 8_000_000;

    /// <summary>Odd and not a multiple of 5, so multiplying by it permutes every power of ten: MSINs stay unique.</summary>
    private const long MsinMultiplier = 7_919_323;

    public static int PlmnIndex(int subscriber) => subscriber % Plmns.Length;

    /// <summary>The serving network: the home one, except for one subscriber in twenty, who roams in the next PLMN.</summary>
    public static int ServingPlmnIndex(int subscriber) =>
        subscriber % 20 == 7 ? (PlmnIndex(subscriber) + 1) % Plmns.Length : PlmnIndex(subscriber);

    public static ReadOnlySpan<byte> PlmnDigits(int plmn) => Plmns[plmn].Digits;

    public static ReadOnlySpan<byte> PlmnTbcd(int plmn) => Plmns[plmn].Tbcd;

    /// <summary>Writes the IMSI digits (15) and returns how many were written.</summary>
    public static int WriteImsi(int subscriber, Span<byte> destination)
    {
        var (digits, msinDigits, _) = Plmns[PlmnIndex(subscriber)];
        digits.CopyTo(destination);
        var modulus = msinDigits == 10 ? 10_000_000_000L : 1_000_000_000L;
        var msin = ((subscriber + 1) * MsinMultiplier) % modulus;
        WriteFixed(msin, msinDigits, destination[digits.Length..]);
        return digits.Length + msinDigits;
    }

    /// <summary>Writes the MSISDN (12 digits, country code first) and returns its length.</summary>
    public static int WriteMsisdn(int subscriber, Span<byte> destination)
    {
        "491"u8.CopyTo(destination);
        WriteFixed(100_000_000 + subscriber, 9, destination[3..]);
        return 12;
    }

    /// <summary>Writes the IMEISV (16 digits: TAC, SNR, software version) and returns its length.</summary>
    public static int WriteImeisv(int subscriber, Span<byte> destination)
    {
        Tacs[(subscriber / 1_000_000) % Tacs.Length].CopyTo(destination);
        WriteFixed(((subscriber * 7L) + 13) % 1_000_000, 6, destination[8..]);
        WriteFixed((subscriber % 9) + 1, 2, destination[14..]);
        return 16;
    }

    public static Imsi Imsi(int subscriber)
    {
        Span<byte> digits = stackalloc byte[16];
        var length = WriteImsi(subscriber, digits);
        return Protocols.Identifiers.Imsi.TryParse(digits[..length], out var imsi) ? imsi : throw new InvalidOperationException("bad IMSI");
    }

    public static Imei Device(int subscriber)
    {
        Span<byte> digits = stackalloc byte[16];
        var length = WriteImeisv(subscriber, digits);
        return Imei.TryParse(digits[..length], out var imei) ? imei : throw new InvalidOperationException("bad IMEISV");
    }

    /// <summary>Another device of the same model, for records that show the SIM in a different handset.</summary>
    public static Imei OtherDevice(int subscriber) => Imei.FromValue(Device(subscriber).Value ^ 1);

    /// <summary>UE IPv4 address from the shared address space 100.64.0.0/10, packed big-endian.</summary>
    public static uint FramedIp(int subscriber) => 0x6440_0000u + (uint)subscriber;

    /// <summary>Writes <paramref name="value"/> as exactly <paramref name="digits"/> decimal digits (leading zeros kept).</summary>
    public static void WriteFixed(long value, int digits, Span<byte> destination)
    {
        for (var i = digits - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Writes <paramref name="value"/> as upper-case hex of exactly <paramref name="digits"/> digits.</summary>
    public static void WriteHex(ulong value, int digits, Span<byte> destination) =>
        _ = Utf8Formatter.TryFormat(value, destination[..digits], out _, new System.Buffers.StandardFormat('X', (byte)digits));
}
