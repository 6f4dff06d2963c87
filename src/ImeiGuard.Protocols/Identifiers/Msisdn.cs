using System.Diagnostics.CodeAnalysis;

namespace ImeiGuard.Protocols.Identifiers;

/// <summary>
/// An MSISDN (E.164 digits, at most 15), packed like <see cref="Imsi"/>: value in the low bits, digit
/// count in the top 4. A leading '+' is accepted and dropped, because the protocol notes record that
/// some gateways send Calling-Station-Id with it and some without (UNCONFIRMED formatting).
/// </summary>
public readonly struct Msisdn : IEquatable<Msisdn>
{
    private const int LengthShift = 60;
    private const ulong DigitsMask = (1UL << LengthShift) - 1;
    private const int MaxLength = 15;
    private readonly ulong _packed;

    private Msisdn(ulong packed) => _packed = packed;

    public bool IsEmpty => _packed == 0;

    public ulong Packed => _packed;

    public static Msisdn FromPacked(ulong packed) => new(packed);

    /// <summary>Parses 5..15 ASCII digits, optionally after one '+'.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out Msisdn msisdn)
    {
        msisdn = default;
        if (!text.IsEmpty && text[0] == (byte)'+')
        {
            text = text[1..];
        }

        if ((uint)(text.Length - 5) > MaxLength - 5)
        {
            return false;
        }

        ulong value = 0;
        foreach (var b in text)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        msisdn = new Msisdn(((ulong)text.Length << LengthShift) | value);
        return true;
    }

    /// <summary>Parses text (control plane; not the hot path).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Msisdn msisdn)
    {
        msisdn = default;
        if (text is null || text.Length > MaxLength + 1)
        {
            return false;
        }

        Span<byte> ascii = stackalloc byte[MaxLength + 1];
        for (var i = 0; i < text.Length; i++)
        {
            ascii[i] = text[i] < 128 ? (byte)text[i] : (byte)0;
        }

        return TryParse(ascii[..text.Length], out msisdn);
    }

    public override string ToString()
    {
        if (IsEmpty)
        {
            return string.Empty;
        }

        var length = (int)(_packed >> LengthShift);
        Span<char> chars = stackalloc char[MaxLength];
        var value = _packed & DigitsMask;
        for (var i = length - 1; i >= 0; i--)
        {
            chars[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        return new string(chars[..length]);
    }

    public bool Equals(Msisdn other) => _packed == other._packed;
    public override bool Equals(object? obj) => obj is Msisdn other && Equals(other);
    public override int GetHashCode() => _packed.GetHashCode();
    public static bool operator ==(Msisdn left, Msisdn right) => left.Equals(right);
    public static bool operator !=(Msisdn left, Msisdn right) => !left.Equals(right);
}
