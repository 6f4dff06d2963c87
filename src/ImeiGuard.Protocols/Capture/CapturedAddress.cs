using System.Buffers.Binary;
using System.Net;

namespace ImeiGuard.Protocols.Capture;

/// <summary>An IPv4 or IPv6 address held by value (no allocation), as read from a captured packet header.</summary>
public readonly struct CapturedAddress : IEquatable<CapturedAddress>
{
    private readonly UInt128 _value;

    private CapturedAddress(UInt128 value, bool isIpv6)
    {
        _value = value;
        IsIpv6 = isIpv6;
    }

    /// <summary>True for IPv6, false for IPv4.</summary>
    public bool IsIpv6 { get; }

    /// <summary>The IPv4 address packed as a.b.c.d = a&lt;&lt;24 | … (0 for IPv6).</summary>
    public uint Ipv4 => IsIpv6 ? 0 : (uint)_value;

    /// <summary>The IPv6 address as a big-endian 128-bit number (the IPv4 value for IPv4).</summary>
    public UInt128 Value => _value;

    /// <summary>An IPv4 address from its packed form.</summary>
    public static CapturedAddress FromIpv4(uint address) => new(address, isIpv6: false);

    /// <summary>An IPv6 address from its big-endian 128-bit form.</summary>
    public static CapturedAddress FromIpv6(UInt128 address) => new(address, isIpv6: true);

    /// <summary>Reads 4 or 16 network-order octets.</summary>
    internal static CapturedAddress Read(ReadOnlySpan<byte> octets) => octets.Length == 16
        ? FromIpv6(BinaryPrimitives.ReadUInt128BigEndian(octets))
        : FromIpv4(BinaryPrimitives.ReadUInt32BigEndian(octets));

    /// <summary>Writes the 4 or 16 network-order octets; returns the count, or 0 when it does not fit.</summary>
    public int WriteBytes(Span<byte> destination)
    {
        if (IsIpv6)
        {
            return BinaryPrimitives.TryWriteUInt128BigEndian(destination, _value) ? 16 : 0;
        }

        return BinaryPrimitives.TryWriteUInt32BigEndian(destination, (uint)_value) ? 4 : 0;
    }

    /// <summary>A <see cref="IPAddress"/> (allocates; control plane and tests).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> octets = stackalloc byte[16];
        return new IPAddress(octets[..WriteBytes(octets)]);
    }

    /// <summary>Dotted quad or RFC 5952 text.</summary>
    public override string ToString() => ToIPAddress().ToString();

    public bool Equals(CapturedAddress other) => _value == other._value && IsIpv6 == other.IsIpv6;
    public override bool Equals(object? obj) => obj is CapturedAddress other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_value, IsIpv6);
    public static bool operator ==(CapturedAddress left, CapturedAddress right) => left.Equals(right);
    public static bool operator !=(CapturedAddress left, CapturedAddress right) => !left.Equals(right);
}
