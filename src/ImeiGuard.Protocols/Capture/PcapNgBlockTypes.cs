namespace ImeiGuard.Protocols.Capture;

/// <summary>pcapng block type codes (draft-ietf-opsawg-pcapng §10.1).</summary>
internal static class PcapNgBlockTypes
{
    /// <summary>0x0A0D0D0A: a palindrome, so it reads the same in either byte order.</summary>
    public const uint SectionHeader = 0x0A0D0D0A;
    public const uint InterfaceDescription = 1;
    public const uint ObsoletePacket = 2;
    public const uint SimplePacket = 3;
    public const uint EnhancedPacket = 6;

    /// <summary>The byte-order magic of a Section Header Block, as written by the section's writer.</summary>
    public const uint ByteOrderMagic = 0x1A2B3C4D;
}
