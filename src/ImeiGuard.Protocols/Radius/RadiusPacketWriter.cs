using System.Buffers.Binary;

namespace ImeiGuard.Protocols.Radius;

/// <summary>
/// Builds and signs a RADIUS request (Accounting-Request, Disconnect-Request, CoA-Request) in a caller-supplied
/// buffer, for tests and the load generator. Every <c>Try</c> method returns false, writing nothing, when the
/// buffer or the 4096-octet packet limit has no room; the writer then stays failed and cannot be signed.
/// </summary>
/// <remarks>
/// Layouts: RFC 2865 §3 header and §5 attributes; RFC 2865 §5.26 Vendor-Specific with sub-attributes
/// (TS 29.061 §16.4.7 for 3GPP); RFC 3162 §2.3 IPv6 prefixes. Signing follows RFC 2866 §3 and RFC 5176 §3.4.
/// </remarks>
public ref struct RadiusPacketWriter
{
    private const int HeaderLength = AccountingRequestParser.HeaderLength;
    private const int MaxValueLength = 253;

    private readonly Span<byte> _buffer;
    private int _position;
    private int _vendorStart;
    private int _messageAuthenticatorOffset;
    private bool _failed;

    /// <summary>Starts a packet with the given code and identifier; the authenticator is filled in by signing.</summary>
    public RadiusPacketWriter(Span<byte> buffer, byte code, byte identifier)
    {
        _buffer = buffer;
        _vendorStart = -1;
        _messageAuthenticatorOffset = -1;
        if (buffer.Length < HeaderLength)
        {
            _failed = true;
            return;
        }

        buffer[0] = code;
        buffer[1] = identifier;
        buffer.Slice(2, HeaderLength - 2).Clear();
        _position = HeaderLength;
    }

    /// <summary>Octets written so far.</summary>
    public readonly int Length => _position;

    /// <summary>True once any write did not fit.</summary>
    public readonly bool HasFailed => _failed;

    /// <summary>Writes one attribute: Type, Length = 2 + value, value (at most 253 octets).</summary>
    public bool TryWriteAttribute(byte type, scoped ReadOnlySpan<byte> value)
    {
        if (_vendorStart >= 0 || value.Length > MaxValueLength || !TryReserve(2 + value.Length, out var target))
        {
            return Fail();
        }

        target[0] = type;
        target[1] = (byte)(2 + value.Length);
        value.CopyTo(target[2..]);
        return true;
    }

    /// <summary>Writes a 4-octet big-endian integer, address or time attribute.</summary>
    public bool TryWriteUInt32(byte type, uint value)
    {
        Span<byte> octets = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(octets, value);
        return TryWriteAttribute(type, octets);
    }

    /// <summary>
    /// Writes Framed-IPv6-Prefix / Delegated-IPv6-Prefix: Reserved(0) PrefixLength Prefix, with only the first
    /// <paramref name="prefixOctets"/> octets of the prefix (0..16; RFC 3162 allows the significant octets only).
    /// </summary>
    public bool TryWriteIpv6Prefix(byte type, UInt128 prefix, byte prefixLength, int prefixOctets = 16)
    {
        if ((uint)prefixOctets > 16)
        {
            return Fail();
        }

        Span<byte> value = stackalloc byte[18];
        value[0] = 0;
        value[1] = prefixLength;
        BinaryPrimitives.WriteUInt128BigEndian(value[2..], prefix);
        return TryWriteAttribute(type, value[..(2 + prefixOctets)]);
    }

    /// <summary>Writes a Message-Authenticator (80) placeholder; its value is computed when the packet is signed.</summary>
    public bool TryWriteMessageAuthenticator()
    {
        Span<byte> zeros = stackalloc byte[RadiusHash.DigestLength];
        zeros.Clear();
        var offset = _position + 2;
        if (_messageAuthenticatorOffset >= 0 || !TryWriteAttribute(RadiusAttributeTypes.MessageAuthenticator, zeros))
        {
            return Fail();
        }

        _messageAuthenticatorOffset = offset;
        return true;
    }

    /// <summary>Opens a Vendor-Specific attribute; add sub-attributes, then <see cref="TryEndVendorSpecific"/>.</summary>
    public bool TryBeginVendorSpecific(uint vendorId)
    {
        if (_vendorStart >= 0 || !TryReserve(6, out var target))
        {
            return Fail();
        }

        _vendorStart = _position - 6;
        target[0] = RadiusAttributeTypes.VendorSpecific;
        BinaryPrimitives.WriteUInt32BigEndian(target[2..], vendorId);
        return true;
    }

    /// <summary>Adds VendorType, VendorLength = 2 + value, value to the open Vendor-Specific attribute.</summary>
    public bool TryWriteSubAttribute(byte vendorType, scoped ReadOnlySpan<byte> value)
    {
        if (_vendorStart < 0 || _position + 2 + value.Length - _vendorStart > 2 + MaxValueLength || !TryReserve(2 + value.Length, out var target))
        {
            return Fail();
        }

        target[0] = vendorType;
        target[1] = (byte)(2 + value.Length);
        value.CopyTo(target[2..]);
        return true;
    }

    /// <summary>Closes the open Vendor-Specific attribute, filling in its Length.</summary>
    public bool TryEndVendorSpecific()
    {
        if (_vendorStart < 0 || _failed)
        {
            return Fail();
        }

        _buffer[_vendorStart + 1] = (byte)(_position - _vendorStart);
        _vendorStart = -1;
        return true;
    }

    /// <summary>Writes one Vendor-Specific attribute holding one sub-attribute.</summary>
    public bool TryWriteVendorAttribute(uint vendorId, byte vendorType, scoped ReadOnlySpan<byte> value) =>
        TryBeginVendorSpecific(vendorId) && TryWriteSubAttribute(vendorType, value) && TryEndVendorSpecific();

    /// <summary>Writes a 3GPP (10415) Vendor-Specific attribute holding one sub-attribute.</summary>
    public bool TryWriteThreeGpp(byte vendorType, scoped ReadOnlySpan<byte> value) =>
        TryWriteVendorAttribute(ThreeGppVendorTypes.VendorId, vendorType, value);

    /// <summary>Appends octets as they are, for building deliberately malformed packets in tests.</summary>
    public bool TryWriteRaw(scoped ReadOnlySpan<byte> octets)
    {
        if (!TryReserve(octets.Length, out var target))
        {
            return Fail();
        }

        octets.CopyTo(target);
        return true;
    }

    /// <summary>
    /// Finishes a request: sets Length, computes the Message-Authenticator if one was written (RFC 5176 §3.4:
    /// HMAC-MD5 with Authenticator and MA value zeroed), then the Request Authenticator (RFC 2866 §3: MD5 over
    /// the packet with a zero Authenticator field, then the secret). Returns false when a write failed or a
    /// Vendor-Specific attribute is still open.
    /// </summary>
    public readonly bool TrySignRequest(ReadOnlySpan<byte> secret, out int length)
    {
        if (!TryFinishUnsigned(out length))
        {
            return false;
        }

        var packet = _buffer[..length];
        packet.Slice(RadiusHash.AuthenticatorOffset, RadiusHash.DigestLength).Clear();
        if (_messageAuthenticatorOffset >= 0)
        {
            RadiusHash.ComputeMessageAuthenticator(packet, _messageAuthenticatorOffset, secret, packet.Slice(_messageAuthenticatorOffset, RadiusHash.DigestLength));
        }

        Span<byte> digest = stackalloc byte[RadiusHash.DigestLength];
        RadiusHash.ComputeAuthenticator(packet, authenticator: default, secret, digest);
        digest.CopyTo(packet[RadiusHash.AuthenticatorOffset..]);
        return true;
    }

    /// <summary>Sets the Length field and leaves the Authenticator as it is (all zeros unless written over).</summary>
    public readonly bool TryFinishUnsigned(out int length)
    {
        length = 0;
        if (_failed || _vendorStart >= 0)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer[2..], (ushort)_position);
        length = _position;
        return true;
    }

    private bool TryReserve(int count, out Span<byte> target)
    {
        target = default;
        if (_failed || _position + count > Math.Min(_buffer.Length, AccountingRequestParser.MaxPacketLength))
        {
            return false;
        }

        target = _buffer.Slice(_position, count);
        _position += count;
        return true;
    }

    private bool Fail()
    {
        _failed = true;
        return false;
    }
}
