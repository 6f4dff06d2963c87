using System.Diagnostics.CodeAnalysis;

namespace ImeiGuard.Protocols.Identifiers;

/// <summary>
/// An IMSI (TS 23.003 §2.2): MCC(3) + MNC(2..3) + MSIN, 5..15 decimal digits.
/// Stored as one <see cref="ulong"/> so that it can key dictionaries without a string:
/// the low 50 bits hold the digits as a number (10^15 &lt; 2^50) and the top 4 bits the digit count,
/// which keeps leading zeros (test PLMN 001-01 IMSIs start with "00").
/// </summary>
public readonly struct Imsi : IEquatable<Imsi>
{
    private const int LengthShift = 60;
    private const ulong DigitsMask = (1UL << LengthShift) - 1;

    /// <summary>Fewest digits accepted: a 5-digit SUPI is the schema minimum (TS 29.571 Supi pattern).</summary>
    public const int MinLength = 5;

    /// <summary>Most digits an IMSI can have.</summary>
    public const int MaxLength = 15;

    private readonly ulong _packed;

    private Imsi(ulong packed) => _packed = packed;

    /// <summary>The packed form (digit count in the top 4 bits), stable across processes: safe to persist.</summary>
    public ulong Packed => _packed;

    /// <summary>True for <c>default</c>: no IMSI.</summary>
    public bool IsEmpty => _packed == 0;

    /// <summary>Number of digits.</summary>
    public int Length => (int)(_packed >> LengthShift);

    /// <summary>Rebuilds an IMSI from <see cref="Packed"/>.</summary>
    public static Imsi FromPacked(ulong packed) => new(packed);

    /// <summary>Parses 5..15 ASCII digits. Returns false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<byte> digits, out Imsi imsi)
    {
        imsi = default;
        if ((uint)(digits.Length - MinLength) > MaxLength - MinLength)
        {
            return false;
        }

        ulong value = 0;
        foreach (var b in digits)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        imsi = new Imsi(((ulong)digits.Length << LengthShift) | value);
        return true;
    }

    /// <summary>Parses 5..15 digits from text (control plane; not the hot path).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Imsi imsi)
    {
        imsi = default;
        if (text is null || text.Length > MaxLength)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[MaxLength];
        for (var i = 0; i < text.Length; i++)
        {
            ascii[i] = text[i] < 128 ? (byte)text[i] : (byte)0;
        }

        return TryParse(ascii[..text.Length], out imsi);
    }

    /// <summary>Writes the digits as ASCII into <paramref name="destination"/>.</summary>
    public bool TryFormat(Span<byte> destination, out int written)
    {
        written = Length;
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        var value = _packed & DigitsMask;
        for (var i = written - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        Span<byte> ascii = stackalloc byte[MaxLength];
        TryFormat(ascii, out var n);
        return System.Text.Encoding.ASCII.GetString(ascii[..n]);
    }

    public bool Equals(Imsi other) => _packed == other._packed;
    public override bool Equals(object? obj) => obj is Imsi other && Equals(other);
    public override int GetHashCode() => _packed.GetHashCode();
    public static bool operator ==(Imsi left, Imsi right) => left.Equals(right);
    public static bool operator !=(Imsi left, Imsi right) => !left.Equals(right);
}
