using System.Diagnostics.CodeAnalysis;

namespace ImeiGuard.Protocols.Identifiers;

/// <summary>
/// The identity of a device: the 14 digits TAC(8) + SNR(6) that an IMEI and an IMEISV share
/// (TS 23.003 Annex B). The check digit of an IMEI and the software version of an IMEISV are
/// deliberately not part of it, so a device compares equal whichever form the network reported.
/// Stored as the 14 digits' value plus one, so that <c>default</c> means "no IMEI".
/// </summary>
public readonly struct Imei : IEquatable<Imei>
{
    /// <summary>Digits of TAC + SNR.</summary>
    public const int IdentityDigits = 14;

    private const ulong SnrModulus = 1_000_000;
    private readonly ulong _valuePlusOne;

    private Imei(ulong valuePlusOne) => _valuePlusOne = valuePlusOne;

    /// <summary>True for <c>default</c>: no IMEI.</summary>
    public bool IsEmpty => _valuePlusOne == 0;

    /// <summary>The 14 digits as a number (persistable).</summary>
    public ulong Value => _valuePlusOne - 1;

    /// <summary>Type Allocation Code: the first 8 digits (device model).</summary>
    public uint Tac => (uint)(Value / SnrModulus);

    /// <summary>Rebuilds an IMEI from <see cref="Value"/>.</summary>
    public static Imei FromValue(ulong value) => new(value + 1);

    /// <summary>
    /// Parses 14, 15 or 16 ASCII digits (IMEI without check digit, IMEI, IMEISV) and keeps the first 14.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> digits, out Imei imei)
    {
        imei = default;
        if ((uint)(digits.Length - IdentityDigits) > 2)
        {
            return false;
        }

        ulong value = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = (uint)(digits[i] - '0');
            if (d > 9)
            {
                return false;
            }

            if (i < IdentityDigits)
            {
                value = (value * 10) + d;
            }
        }

        imei = new Imei(value + 1);
        return true;
    }

    /// <summary>Parses 14..16 digits from text (control plane; not the hot path).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Imei imei)
    {
        imei = default;
        if (text is null || text.Length > 16)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[16];
        for (var i = 0; i < text.Length; i++)
        {
            ascii[i] = text[i] < 128 ? (byte)text[i] : (byte)0;
        }

        return TryParse(ascii[..text.Length], out imei);
    }

    /// <summary>Luhn check digit over the 14 identity digits (TS 23.003 Annex B.2).</summary>
    public int CheckDigit => ComputeCheckDigit(Value);

    /// <summary>
    /// Luhn over D14..D1 where D1 is the last SNR digit: double D1, D3, … D13, sum digits, CD = (10 - sum mod 10) mod 10.
    /// </summary>
    public static int ComputeCheckDigit(ulong fourteenDigits)
    {
        var sum = 0;
        var v = fourteenDigits;
        for (var position = 1; position <= IdentityDigits; position++)
        {
            var d = (int)(v % 10);
            v /= 10;
            if ((position & 1) == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>Writes the 14 identity digits as ASCII.</summary>
    public bool TryFormat(Span<byte> destination, out int written)
    {
        if (destination.Length < IdentityDigits || IsEmpty)
        {
            written = 0;
            return false;
        }

        var value = Value;
        for (var i = IdentityDigits - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        written = IdentityDigits;
        return true;
    }

    /// <summary>The 15-digit IMEI: the 14 identity digits and the computed Luhn check digit.</summary>
    public string ToImeiString() => IsEmpty ? string.Empty : ToString() + (char)('0' + CheckDigit);

    /// <summary>The 14 identity digits (TAC + SNR).</summary>
    public override string ToString()
    {
        Span<byte> ascii = stackalloc byte[IdentityDigits];
        return TryFormat(ascii, out var n) ? System.Text.Encoding.ASCII.GetString(ascii[..n]) : string.Empty;
    }

    public bool Equals(Imei other) => _valuePlusOne == other._valuePlusOne;
    public override bool Equals(object? obj) => obj is Imei other && Equals(other);
    public override int GetHashCode() => _valuePlusOne.GetHashCode();
    public static bool operator ==(Imei left, Imei right) => left.Equals(right);
    public static bool operator !=(Imei left, Imei right) => !left.Equals(right);
}
