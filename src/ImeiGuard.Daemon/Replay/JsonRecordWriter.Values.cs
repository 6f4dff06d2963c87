using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Unicode;
using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Replay;

/// <summary>The value forms of the corpus: text as sent, addresses as text, PLMNs as digits, octets as lower-case hex.</summary>
internal sealed partial class JsonRecordWriter
{
    private void WriteNumber(ReadOnlySpan<byte> name, long value, bool present)
    {
        if (present)
        {
            _json.WriteNumber(name, value);
        }
        else
        {
            _json.WriteNull(name);
        }
    }

    /// <summary>Text attributes as sent; octets that are not UTF-8 become U+FFFD (rare; allocates then).</summary>
    private void WriteText(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            _json.WriteNull(name);
        }
        else if (Utf8.IsValid(value))
        {
            _json.WriteString(name, value);
        }
        else
        {
            _json.WriteString(name, Encoding.UTF8.GetString(value));
        }
    }

    private void WriteHex(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || !Convert.TryToHexStringLower(value, _chars, out var written))
        {
            _json.WriteNull(name);
            return;
        }

        _json.WriteString(name, _chars.AsSpan(0, written));
    }

    /// <summary>RADIUS Acct-Status-Type names as Wireshark prints them (acct_status_name in the corpus).</summary>
    private void WriteStatusName(scoped in AccountingRequest r)
    {
        var text = !r.HasStatusType ? default : r.StatusType switch
        {
            AcctStatusType.Start => "Start"u8,
            AcctStatusType.Stop => "Stop"u8,
            AcctStatusType.InterimUpdate => "Interim-Update"u8,
            AcctStatusType.AccountingOn => "Accounting-On"u8,
            AcctStatusType.AccountingOff => "Accounting-Off"u8,
            _ => default,
        };
        WriteText("acct_status_name"u8, text);
    }

    private void WriteAddress(ReadOnlySpan<byte> name, CapturedAddress address)
    {
        if (!address.IsIpv6)
        {
            WriteIpv4(name, address.Ipv4, present: true);
            return;
        }

        // IPv6 text (RFC 5952) is left to IPAddress, which costs one object per address: --json only.
        address.ToIPAddress().TryFormat(_bytes, out var written);
        _json.WriteString(name, _bytes.AsSpan(0, written));
    }

    /// <summary>A packed IPv4 address (a.b.c.d = a&lt;&lt;24 | …) as dotted-quad text.</summary>
    private void WriteIpv4(ReadOnlySpan<byte> name, uint address, bool present)
    {
        if (!present)
        {
            _json.WriteNull(name);
            return;
        }

        var text = _bytes.AsSpan();
        var n = 0;
        for (var shift = 24; shift >= 0; shift -= 8)
        {
            if (shift != 24)
            {
                text[n++] = (byte)'.';
            }

            ((byte)(address >> shift)).TryFormat(text[n..], out var digits, default, CultureInfo.InvariantCulture);
            n += digits;
        }

        _json.WriteString(name, text[..n]);
    }

    /// <summary>Framed-IPv6-Prefix as "2001:db8:…::/64" (the prefix zero-padded to 16 octets, RFC 3162 §2.3).</summary>
    private void WriteIpv6Prefix(ReadOnlySpan<byte> name, Ipv6Prefix prefix)
    {
        if (!prefix.IsPresent)
        {
            _json.WriteNull(name);
            return;
        }

        Span<byte> octets = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(octets, prefix.Prefix);
        var text = _bytes.AsSpan();
        new IPAddress(octets).TryFormat(text, out var n);
        text[n++] = (byte)'/';
        prefix.PrefixLength.TryFormat(text[n..], out var digits, default, CultureInfo.InvariantCulture);
        _json.WriteString(name, text[..(n + digits)]);
    }

    /// <summary>A PLMN as its 5 or 6 digits, MCC then MNC ("26201", "310410").</summary>
    private void WritePlmnDigits(ReadOnlySpan<byte> name, PlmnId plmn)
    {
        if (plmn.IsEmpty)
        {
            _json.WriteNull(name);
            return;
        }

        var text = _bytes.AsSpan();
        _json.WriteString(name, text[..FormatPlmn(plmn, text, out _)]);
    }

    /// <summary>Writes MCC (3 digits) then MNC (2 or 3, keeping "01" apart from "001"); returns the length.</summary>
    private static int FormatPlmn(PlmnId plmn, Span<byte> text, out int mccLength)
    {
        plmn.Mcc.TryFormat(text, out mccLength, "D3", CultureInfo.InvariantCulture);
        plmn.Mnc.TryFormat(text[mccLength..], out var mncLength, plmn.MncDigits == 3 ? "D3" : "D2", CultureInfo.InvariantCulture);
        return mccLength + mncLength;
    }

    private void WriteImsi(scoped in AccountingRequest r)
    {
        if (r.Imsi.IsEmpty || !r.Imsi.TryFormat(_bytes, out var n))
        {
            _json.WriteNull("imsi"u8);
        }
        else
        {
            _json.WriteString("imsi"u8, _bytes.AsSpan(0, n));
        }

        var source = r.ImsiSource switch
        {
            ImsiSource.ThreeGppImsi => "3gpp_imsi"u8,
            ImsiSource.UserName => "user_name"u8,
            ImsiSource.UserNameNai => "user_name_nai"u8,
            _ => default,
        };
        WriteText("imsi_source"u8, source);
    }

    /// <summary>
    /// 3GPP-IMEISV: <c>imeisv</c> for 16 digits, <c>imei</c> for 15 or 14, the raw value in hex, and the
    /// <c>pei</c> object (kind, digits as reported, TAC, wire form, Luhn check of a 15-digit IMEI).
    /// </summary>
    private void WritePei(scoped in AccountingRequest r)
    {
        var pei = r.Pei;
        var digits = _bytes.AsSpan(0, 16);
        var n = FormatPeiDigits(pei, digits);
        var isImeisv = pei.Kind == PeiKind.Imeisv16;
        WriteText("imeisv"u8, isImeisv ? digits[..n] : default);
        WriteText("imei"u8, isImeisv ? default : digits[..n]);
        WriteHex("imeisv_hex"u8, r.ImeisvRaw);
        if (n == 0)
        {
            _json.WriteNull("pei"u8);
            return;
        }

        _json.WriteStartObject("pei"u8);
        _json.WriteString("kind"u8, isImeisv ? "imeisv"u8 : "imei"u8);
        _json.WriteString("digits"u8, digits[..n]);
        _json.WriteString("tac"u8, digits[..8]);
        var form = pei.WireForm switch
        {
            PeiWireForm.Ascii => "ascii"u8,
            PeiWireForm.Tbcd => "tbcd"u8,
            PeiWireForm.Text => "text"u8,
            _ => default,
        };
        WriteText("wire_form"u8, form);
        if (pei.LuhnOk is { } luhn)
        {
            _json.WriteBoolean("luhn_ok"u8, luhn);
        }
        else
        {
            _json.WriteNull("luhn_ok"u8);
        }

        _json.WriteEndObject();
    }

    /// <summary>The digits as reported: the 14 identity digits, then the check digit (IMEI) or the two SVN digits (IMEISV).</summary>
    private static int FormatPeiDigits(Pei pei, Span<byte> digits)
    {
        if (pei.IsEmpty || !pei.Device.TryFormat(digits, out var n))
        {
            return 0;
        }

        switch (pei.Kind)
        {
            case PeiKind.Imeisv16:
                digits[n++] = (byte)('0' + (pei.TrailingDigits / 10));
                digits[n++] = (byte)('0' + (pei.TrailingDigits % 10));
                break;
            case PeiKind.Imei15:
                digits[n++] = (byte)('0' + pei.TrailingDigits);
                break;
        }

        return n;
    }

    /// <summary>3GPP-MS-TimeZone as its two octets in hex ("8001": TZ octet, then DST octet).</summary>
    private void WriteMsTimeZone(scoped in AccountingRequest r)
    {
        if (!r.HasMsTimeZone)
        {
            _json.WriteNull("ms_timezone"u8);
            return;
        }

        r.MsTimeZone.TryFormat(_bytes, out var n, "x4", CultureInfo.InvariantCulture);
        _json.WriteString("ms_timezone"u8, _bytes.AsSpan(0, n));
    }
}
