namespace ImeiGuard.Protocols.Capture;

/// <summary>The LINKTYPE_ values this reader decodes (tcpdump.org link-layer header types registry).</summary>
public static class LinkTypes
{
    /// <summary>BSD loopback: a 4-octet address family in the writer's byte order.</summary>
    public const ushort Null = 0;

    /// <summary>Ethernet II, with 802.1Q / 802.1ad VLAN tags.</summary>
    public const ushort Ethernet = 1;

    /// <summary>Raw IP; the version nibble tells IPv4 from IPv6.</summary>
    public const ushort Raw = 101;

    /// <summary>OpenBSD loopback: like <see cref="Null"/> but always big-endian.</summary>
    public const ushort Loop = 108;

    /// <summary>Linux cooked capture v1 (16-octet header).</summary>
    public const ushort LinuxSll = 113;

    /// <summary>Raw IPv4.</summary>
    public const ushort Ipv4 = 228;

    /// <summary>Raw IPv6.</summary>
    public const ushort Ipv6 = 229;

    /// <summary>Linux cooked capture v2 (20-octet header).</summary>
    public const ushort LinuxSll2 = 276;
}
