namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// The UE time zone of a charging request: offset from UTC (already adjusted for daylight saving time)
/// plus the daylight saving adjustment. <c>default</c> means "not reported".
/// </summary>
/// <param name="OffsetMinutes">Offset from UTC in minutes, -23:59..+23:59.</param>
/// <param name="DaylightSavingHours">The adjustment included in the offset: 0, 1 or 2 hours.</param>
/// <param name="IsPresent">True when the request carried a time zone.</param>
public readonly record struct UeTimeZone(short OffsetMinutes, byte DaylightSavingHours, bool IsPresent)
{
    /// <summary>Longest text form: "+hh:mm+d".</summary>
    public const int MaxTextLength = 8;

    /// <summary>
    /// TS 29.571 §5.2 TimeZone: RFC 3339 §5.6 <c>time-numoffset</c> ("+hh:mm" / "-hh:mm"), optionally followed by
    /// the daylight saving adjustment "+1" or "+2". Example "-08:00+1".
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out UeTimeZone timeZone)
    {
        timeZone = default;
        if (text.Length is not (6 or 8) || text[0] is not ((byte)'+' or (byte)'-') || text[3] != (byte)':')
        {
            return false;
        }

        var hh = ChfText.TwoDigits(text[1..]);
        var mm = ChfText.TwoDigits(text[4..]);
        if ((uint)hh > 23 || (uint)mm > 59)
        {
            return false;
        }

        byte dst = 0;
        if (text.Length == 8)
        {
            if (text[6] != (byte)'+' || text[7] is not ((byte)'1' or (byte)'2'))
            {
                return false;
            }

            dst = (byte)(text[7] - '0');
        }

        var minutes = (hh * 60) + mm;
        timeZone = new UeTimeZone((short)(text[0] == (byte)'-' ? -minutes : minutes), dst, true);
        return true;
    }

    /// <summary>Writes the TS 29.571 text form, e.g. "+02:00+1".</summary>
    public bool TryFormat(Span<byte> destination, out int written)
    {
        written = DaylightSavingHours == 0 ? 6 : 8;
        if (!IsPresent || destination.Length < written)
        {
            written = 0;
            return false;
        }

        var minutes = Math.Abs((int)OffsetMinutes);
        destination[0] = OffsetMinutes < 0 ? (byte)'-' : (byte)'+';
        destination[1] = (byte)('0' + (minutes / 600));
        destination[2] = (byte)('0' + (minutes / 60 % 10));
        destination[3] = (byte)':';
        destination[4] = (byte)('0' + (minutes % 60 / 10));
        destination[5] = (byte)('0' + (minutes % 10));
        if (written == 8)
        {
            destination[6] = (byte)'+';
            destination[7] = (byte)('0' + DaylightSavingHours);
        }

        return true;
    }

    /// <summary>The TS 29.571 text form, or empty when not present.</summary>
    public override string ToString()
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        return TryFormat(text, out var n) ? System.Text.Encoding.ASCII.GetString(text[..n]) : string.Empty;
    }
}
