using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.Protocols.Tests.Capture;

/// <summary>pcapng: sections in both byte orders, per-interface link types and timestamp resolution, every packet block type.</summary>
public sealed class PcapNgTests
{
    private const ushort EtherIpv4 = 0x0800;
    private const ushort EtherIpv6 = 0x86DD;
    private static readonly byte[] Radius = [4, 9, 0, 20, .. new byte[16]];

    private static byte[] UdpV4 => Frames.Ipv4("127.0.0.12", "127.0.0.1", Frames.Udp(40001, 1813, Radius));

    private static byte[] UdpV6 => Frames.Ipv6("2001:db8::12", "2001:db8::1", Frames.Udp(40002, 1813, Radius), 17, 0);

    public static TheoryData<bool> ByteOrders => new() { false, true };

    [Theory]
    [MemberData(nameof(ByteOrders))]
    public void Read_MixedInterfacesAndBlocks_DecodesEveryPacketBlock(bool bigEndian)
    {
        var file = BuildMixed(bigEndian).ToArray();

        var result = CaptureResult.Read(file);

        Assert.True(result.IsComplete);
        Assert.Equal(CaptureFormat.PcapNg, result.Format);
        Assert.Equal(5, result.Counters.Frames);
        Assert.Equal(4, result.Counters.Datagrams);
        Assert.Equal(1, result.Counters.UnknownInterface);
        Assert.Equal(5, result.Counters.MetadataRecords);
        Assert.Collection(
            result.Datagrams,
            d =>
            {
                Assert.Equal((1, 0, LinkTypes.LinuxSll2), (d.Frame, d.InterfaceId, d.LinkType));
                Assert.Equal(1_700_000_000_123_456_789L, d.TimestampNanoseconds);
                Assert.Equal(("127.0.0.12", 40001), (d.Source, d.SourcePort));
            },
            d =>
            {
                Assert.Equal((2, 1, LinkTypes.Ethernet), (d.Frame, d.InterfaceId, d.LinkType));
                Assert.Equal(1_700_000_000_500_000_000L, d.TimestampNanoseconds);
                Assert.Equal(("2001:db8::12", 40002), (d.Source, d.SourcePort));
            },
            d =>
            {
                Assert.Equal((3, 0, LinkTypes.LinuxSll2), (d.Frame, d.InterfaceId, d.LinkType));
                Assert.Equal(0, d.TimestampNanoseconds);
            },
            d =>
            {
                Assert.Equal((5, 2, LinkTypes.Raw), (d.Frame, d.InterfaceId, d.LinkType));
                Assert.Equal(1_700_000_060_000_000_000L, d.TimestampNanoseconds);
            });
        Assert.All(result.Datagrams, d => Assert.Equal(Convert.ToHexStringLower(Radius), d.PayloadHex));
    }

    [Fact]
    public void Read_NewSectionInOtherByteOrder_ForgetsEarlierInterfaces()
    {
        var builder = new PcapNgFileBuilder(bigEndian: false)
            .Interface(LinkTypes.Raw)
            .Enhanced(0, 0, UdpV4)
            .Section(bigEndian: true)
            .Enhanced(0, 0, UdpV4)
            .Interface(LinkTypes.Ipv4)
            .Enhanced(0, 0, UdpV4);

        var result = CaptureResult.Read(builder.ToArray());

        Assert.True(result.IsComplete);
        Assert.Equal([1L, 3L], result.Datagrams.Select(d => d.Frame));
        Assert.Equal(1, result.Counters.UnknownInterface);
        Assert.Equal([LinkTypes.Raw, LinkTypes.Ipv4], result.Datagrams.Select(d => d.LinkType));
    }

    [Theory]
    [MemberData(nameof(ByteOrders))]
    public void TryReadRecord_EveryPrefixOfEveryBlock_NeedsMoreData(bool bigEndian)
    {
        var builder = BuildMixed(bigEndian);
        var file = builder.ToArray();
        var starts = builder.BlockStarts.Append(file.Length).ToArray();
        var decoder = default(CaptureDecoder);

        for (var b = 0; b + 1 < starts.Length; b++)
        {
            var blockLength = starts[b + 1] - starts[b];
            for (var n = 0; n < blockLength; n++)
            {
                var probe = decoder;
                Assert.Equal(CaptureStatus.NeedMoreData, probe.TryReadRecord(file.AsSpan(starts[b], n), out _, out _, out var consumed));
                Assert.Equal(0, consumed);
            }

            Assert.NotEqual(CaptureStatus.NeedMoreData, decoder.TryReadRecord(file.AsSpan(starts[b], blockLength), out _, out _, out var used));
            Assert.Equal(blockLength, used);
        }
    }

    [Theory]
    [InlineData("not_multiple_of_4")]
    [InlineData("below_minimum")]
    [InlineData("trailing_length_differs")]
    [InlineData("bad_byte_order_magic")]
    [InlineData("captured_length_beyond_block")]
    public void Read_BrokenBlockStructure_StopsWithInvalidRecordLengthOrFormat(string corruption)
    {
        var builder = new PcapNgFileBuilder().Interface(LinkTypes.Raw);
        var epbStart = builder.ToArray().Length;
        var file = builder.Enhanced(0, 0, UdpV4).ToArray();
        switch (corruption)
        {
            case "not_multiple_of_4":
                file[epbStart + 4] += 1;
                break;
            case "below_minimum":
                file[epbStart + 4] = 8;
                file[epbStart + 5] = 0;
                break;
            case "trailing_length_differs":
                file[^4] ^= 0x04;
                break;
            case "bad_byte_order_magic":
                file[8] = 0x00;
                break;
            case "captured_length_beyond_block":
                file[epbStart + 8 + 12] += 8;
                break;
        }

        var result = CaptureResult.Read(file);

        Assert.Empty(result.Datagrams);
        Assert.False(result.IsComplete);
        var expected = corruption == "bad_byte_order_magic" ? CaptureSkipReason.UnknownFormat : CaptureSkipReason.InvalidRecordLength;
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void Read_PowerOfTwoResolutionAndOffset_ConvertsToNanoseconds()
    {
        const ulong ticks = (1_700_000_000UL << 20) | (1UL << 18);
        var file = new PcapNgFileBuilder()
            .Interface(LinkTypes.Raw, tsResolution: 0x80 | 20, tsOffset: -100)
            .Enhanced(0, ticks, UdpV4)
            .ToArray();

        var d = Assert.Single(CaptureResult.Read(file).Datagrams);

        Assert.Equal(1_699_999_900_250_000_000L, d.TimestampNanoseconds);
    }

    /// <summary>
    /// SHB; IDB 0 SLL2 (ns); custom block; EPB on 0 with an option; IDB 1 Ethernet (2^-20 s); EPB on 1 (IPv6 with a
    /// hop-by-hop header); SPB (interface 0); EPB on unknown interface 7; IDB 2 raw IP (s, via if_tsresol 0); obsolete PB on 2.
    /// </summary>
    private static PcapNgFileBuilder BuildMixed(bool bigEndian) => new PcapNgFileBuilder(bigEndian)
        .Interface(LinkTypes.LinuxSll2, snapLength: 262144, tsResolution: 9)
        .Block(0x00000BAD, [1, 2, 3, 4])
        .Enhanced(0, 1_700_000_000_123_456_789UL, Frames.Sll2(EtherIpv4, UdpV4), withOption: true)
        .Interface(LinkTypes.Ethernet, tsResolution: 0x80 | 20)
        .Enhanced(1, (1_700_000_000UL << 20) | (1UL << 19), Frames.Ethernet(EtherIpv6, UdpV6))
        .Simple(Frames.Sll2(EtherIpv4, UdpV4))
        .Enhanced(7, 0, UdpV4)
        .Interface(LinkTypes.Raw, tsResolution: 0)
        .Obsolete(2, 1_700_000_060UL, UdpV4);
}
