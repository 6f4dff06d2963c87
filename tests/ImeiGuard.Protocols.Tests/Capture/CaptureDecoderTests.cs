using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.Protocols.Tests.Capture;

/// <summary>Classic pcap with hand-built frames: byte orders, timestamps, link types, IP options and skips.</summary>
public sealed class CaptureDecoderTests
{
    private const ushort EtherIpv4 = 0x0800;
    private const ushort EtherIpv6 = 0x86DD;
    private static readonly byte[] Radius = [4, 1, 0, 20, .. new byte[16]];

    private static byte[] UdpV4 => Frames.Ipv4("127.0.0.11", "127.0.0.1", Frames.Udp(51872, 1813, Radius));

    private static byte[] UdpV6 => Frames.Ipv6("2001:db8::11", "2001:db8::1", Frames.Udp(40000, 1813, Radius));

    [Theory]
    [InlineData(false, false, 123_456u, 1_700_000_000_123_456_000L)]
    [InlineData(true, false, 123_456u, 1_700_000_000_123_456_000L)]
    [InlineData(false, true, 123_456_789u, 1_700_000_000_123_456_789L)]
    [InlineData(true, true, 123_456_789u, 1_700_000_000_123_456_789L)]
    public void Read_PcapByteOrderAndResolution_DecodesTimestampAndDatagram(bool bigEndian, bool nanoseconds, uint fraction, long expected)
    {
        var file = new PcapFileBuilder(1, bigEndian, nanoseconds).Add(Frames.Ethernet(EtherIpv4, UdpV4), 1_700_000_000, fraction).ToArray();

        var result = CaptureResult.Read(file);

        var d = Assert.Single(result.Datagrams);
        Assert.True(result.IsComplete);
        Assert.Equal(expected, d.TimestampNanoseconds);
        Assert.Equal("127.0.0.11", d.Source);
        Assert.Equal(51872, d.SourcePort);
        Assert.Equal("127.0.0.1", d.Destination);
        Assert.Equal(1813, d.DestinationPort);
        Assert.Equal(Convert.ToHexStringLower(Radius), d.PayloadHex);
    }

    [Fact]
    public void Read_EthernetPaddingAfterIpPacket_IsTrimmed()
    {
        var file = new PcapFileBuilder(1).Add([.. Frames.Ethernet(EtherIpv4, UdpV4), .. new byte[18]]).ToArray();

        Assert.Equal(Convert.ToHexStringLower(Radius), Assert.Single(CaptureResult.Read(file).Datagrams).PayloadHex);
    }

    [Theory]
    [InlineData(new ushort[] { 0x8100 })]
    [InlineData(new ushort[] { 0x88A8, 0x8100 })]
    [InlineData(new ushort[] { 0x9100, 0x8100 })]
    public void Read_VlanTags_AreSkipped(ushort[] tags)
    {
        var file = new PcapFileBuilder(1).Add(Frames.Ethernet(EtherIpv4, UdpV4, tags)).ToArray();

        Assert.Equal(1813, Assert.Single(CaptureResult.Read(file).Datagrams).DestinationPort);
    }

    [Fact]
    public void Read_Ipv4Options_AreSkippedThroughIhl()
    {
        var packet = Frames.Ipv4("10.0.0.1", "10.0.0.2", Frames.Udp(1, 1813, Radius), optionWords: 3);
        var file = new PcapFileBuilder(LinkTypes.Ipv4).Add(packet).ToArray();

        var d = Assert.Single(CaptureResult.Read(file).Datagrams);
        Assert.Equal("10.0.0.1", d.Source);
        Assert.Equal(Convert.ToHexStringLower(Radius), d.PayloadHex);
    }

    [Theory]
    [InlineData(LinkTypes.LinuxSll)]
    [InlineData(LinkTypes.LinuxSll2)]
    [InlineData(LinkTypes.Raw)]
    [InlineData(LinkTypes.Ipv4)]
    [InlineData(LinkTypes.Ipv6)]
    [InlineData(LinkTypes.Null)]
    [InlineData(LinkTypes.Loop)]
    [InlineData(LinkTypes.Ethernet)]
    public void Read_EachLinkType_DecodesIpv4AndIpv6(ushort linkType)
    {
        var builder = new PcapFileBuilder(linkType);
        foreach (var (etherType, packet) in new[] { (EtherIpv4, UdpV4), (EtherIpv6, UdpV6) })
        {
            if ((linkType == LinkTypes.Ipv4 && etherType == EtherIpv6) || (linkType == LinkTypes.Ipv6 && etherType == EtherIpv4))
            {
                continue;
            }

            builder.Add(linkType switch
            {
                LinkTypes.LinuxSll => Frames.Sll(etherType, packet),
                LinkTypes.LinuxSll2 => Frames.Sll2(etherType, packet),
                LinkTypes.Ethernet => Frames.Ethernet(etherType, packet),
                LinkTypes.Null => [etherType == EtherIpv4 ? (byte)2 : (byte)30, 0, 0, 0, .. packet], // little-endian host
                LinkTypes.Loop => [0, 0, 0, etherType == EtherIpv4 ? (byte)2 : (byte)24, .. packet],
                _ => packet,
            });
        }

        var result = CaptureResult.Read(builder.ToArray());

        Assert.True(result.IsComplete);
        Assert.Equal(result.Counters.Frames, result.Datagrams.Count);
        Assert.All(result.Datagrams, d => Assert.Equal(1813, d.DestinationPort));
        Assert.All(result.Datagrams, d => Assert.Equal(linkType, d.LinkType));
        if (linkType != LinkTypes.Ipv4)
        {
            Assert.Contains(result.Datagrams, d => d.Source == "2001:db8::11" && d.Destination == "2001:db8::1");
        }
    }

    [Fact]
    public void Read_Ipv6ExtensionHeaders_AreSkipped()
    {
        var packet = Frames.Ipv6("2001:db8::11", "2001:db8::1", Frames.Udp(1, 1813, Radius), 17, 0, 43, 60);
        var file = new PcapFileBuilder(LinkTypes.Raw).Add(packet).ToArray();

        Assert.Equal(Convert.ToHexStringLower(Radius), Assert.Single(CaptureResult.Read(file).Datagrams).PayloadHex);
    }

    [Fact]
    public void Read_NonDatagrams_AreSkippedAndCounted()
    {
        var file = new PcapFileBuilder(1)
            .Add(Frames.Ethernet(EtherIpv4, Frames.Ipv4("1.1.1.1", "2.2.2.2", Frames.Udp(1, 2, Radius), flagsAndOffset: 0x2000)))
            .Add(Frames.Ethernet(EtherIpv4, Frames.Ipv4("1.1.1.1", "2.2.2.2", Frames.Udp(1, 2, Radius), flagsAndOffset: 0x0010)))
            .Add(Frames.Ethernet(EtherIpv6, Frames.Ipv6("::1", "::2", Frames.Udp(1, 2, Radius), 17, 44)))
            .Add(Frames.Ethernet(EtherIpv4, Frames.Ipv4("1.1.1.1", "2.2.2.2", new byte[20], protocol: 6)))
            .Add(Frames.Ethernet(EtherIpv6, Frames.Ipv6("::1", "::2", new byte[20], protocol: 58)))
            .Add(Frames.Ethernet(0x0806, new byte[28]))
            .Add(Frames.Ethernet(EtherIpv4, UdpV4), capturedLength: 40)
            .Add(Frames.Ethernet(EtherIpv4, Frames.Ipv4("1.1.1.1", "2.2.2.2", [0, 1, 0, 2, 0, 4, 0, 0])))
            .Add(Frames.Ethernet(EtherIpv4, UdpV4))
            .ToArray();

        var result = CaptureResult.Read(file);

        Assert.True(result.IsComplete);
        Assert.Equal(9, result.Counters.Frames);
        Assert.Equal(1, result.Counters.Datagrams);
        Assert.Equal(3, result.Counters.Fragments);
        Assert.Equal(2, result.Counters.NotUdp);
        Assert.Equal(1, result.Counters.NotIp);
        Assert.Equal(1, result.Counters.Truncated);
        Assert.Equal(1, result.Counters.Malformed);
        Assert.Equal(9, Assert.Single(result.Datagrams).Frame);
    }

    [Fact]
    public void Read_UnsupportedLinkType_SkipsEveryRecord()
    {
        var result = CaptureResult.Read(new PcapFileBuilder(105).Add(UdpV4).Add(UdpV4).ToArray());

        Assert.Empty(result.Datagrams);
        Assert.Equal(2, result.Counters.UnsupportedLinkType);
        Assert.True(result.IsComplete);
    }

    [Theory]
    [InlineData("")]
    [InlineData("47415242414745212121212121212121212121212121212121")]
    public void Read_NotACapture_StopsWithoutDatagrams(string hex)
    {
        var result = CaptureResult.Read(Convert.FromHexString(hex));

        Assert.Empty(result.Datagrams);
        Assert.False(result.IsComplete);
        Assert.Equal(hex.Length == 0 ? CaptureSkipReason.None : CaptureSkipReason.UnknownFormat, result.Error);
    }

    [Fact]
    public void Read_RecordLengthBeyondLimit_IsInvalidAndSticky()
    {
        var file = new PcapFileBuilder(1).Add(UdpV4).ToArray();
        file[24 + 8] = 0xFF;
        file[24 + 9] = 0xFF;
        file[24 + 10] = 0xFF;
        var decoder = default(CaptureDecoder);
        decoder.TryReadRecord(file, out _, out _, out var consumed);

        Assert.Equal(CaptureStatus.InvalidData, decoder.TryReadRecord(file.AsSpan(consumed), out _, out var reason, out var none));
        Assert.Equal(CaptureSkipReason.InvalidRecordLength, reason);
        Assert.Equal(0, none);
        Assert.Equal(CaptureStatus.InvalidData, decoder.TryReadRecord(file.AsSpan(consumed), out _, out _, out _));
    }

    [Fact]
    public void Read_FileCutInsideRecord_IsTruncated()
    {
        var file = new PcapFileBuilder(1).Add(Frames.Ethernet(EtherIpv4, UdpV4)).Add(Frames.Ethernet(EtherIpv4, UdpV4)).ToArray();

        var result = CaptureResult.Read(file[..^5]);

        Assert.Single(result.Datagrams);
        Assert.True(result.IsTruncated);
        Assert.False(result.IsComplete);
    }
}
