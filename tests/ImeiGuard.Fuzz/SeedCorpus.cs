using System.Buffers.Binary;
using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.Fuzz;

/// <summary>
/// Writes the starting inputs of a target from the shared corpus (../shared/corpus): afl-fuzz mutates these.
/// Small, distinct seeds work best, so RADIUS gets one file per datagram rather than whole captures.
/// </summary>
internal static class SeedCorpus
{
    /// <summary>Bodies above the reader's 64 KiB limit add nothing a small oversize seed would not (m10 is 5 MiB).</summary>
    private const int MaxSeedBytes = 64 * 1024;

    public static int Write(string target, string corpus, string output)
    {
        Directory.CreateDirectory(output);
        var radius = Path.Combine(corpus, "radius");
        var count = 0;
        switch (target)
        {
            case "radius":
                foreach (var capture in Directory.GetFiles(radius, "*.pcap"))
                {
                    var reader = new CaptureReader(File.ReadAllBytes(capture));
                    while (reader.TryReadNext(out var datagram))
                    {
                        File.WriteAllBytes(Path.Combine(output, $"{Path.GetFileNameWithoutExtension(capture)}-{datagram.FrameNumber:D3}"), datagram.Payload.ToArray());
                        count++;
                    }
                }

                break;
            case "chf":
                foreach (var body in Directory.GetFiles(Path.Combine(corpus, "chf"), "*.json"))
                {
                    if (new FileInfo(body).Length <= MaxSeedBytes)
                    {
                        File.Copy(body, Path.Combine(output, Path.GetFileName(body)), overwrite: true);
                        count++;
                    }
                }

                break;
            case "pcap":
                foreach (var capture in Directory.GetFiles(radius, "*.pcap"))
                {
                    File.Copy(capture, Path.Combine(output, Path.GetFileName(capture)), overwrite: true);
                    count++;
                }

                // The corpus holds classic pcap only; the same packets as pcapng reach the block reader too.
                File.WriteAllBytes(Path.Combine(output, "synthetic.pcapng"), ToPcapNg(File.ReadAllBytes(Path.Combine(radius, "synthetic.pcap"))));
                count++;
                break;
            default:
                throw new ArgumentException($"unknown target '{target}'", nameof(target));
        }

        return count;
    }

    /// <summary>
    /// Rewrites a little-endian classic pcap (Ethernet) as pcapng: a Section Header Block, one Interface Description
    /// Block and an Enhanced Packet Block per record (pcapng draft §4.1, §4.2, §4.3), microsecond timestamps.
    /// </summary>
    private static byte[] ToPcapNg(byte[] pcap)
    {
        using var file = new MemoryStream();
        WriteBlock(file, 0x0A0D0D0A, [.. U32(0x1A2B3C4D), .. U16(1), .. U16(0), .. U64(ulong.MaxValue)]);
        WriteBlock(file, 1, [.. U16(1), .. U16(0), .. U32(0)]);
        for (var offset = 24; offset + 16 <= pcap.Length;)
        {
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(offset));
            var micros = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(offset + 4));
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(offset + 8));
            var frame = pcap.AsSpan(offset + 16, length);
            var timestamp = ((ulong)seconds * 1_000_000) + micros;
            var padding = new byte[(4 - (length % 4)) % 4];
            WriteBlock(file, 6, [.. U32(0), .. U32((uint)(timestamp >> 32)), .. U32((uint)timestamp), .. U32((uint)length), .. U32((uint)length), .. frame, .. padding]);
            offset += 16 + length;
        }

        return file.ToArray();
    }

    private static void WriteBlock(Stream file, uint type, byte[] body)
    {
        var total = (uint)(12 + body.Length);
        file.Write(U32(type));
        file.Write(U32(total));
        file.Write(body);
        file.Write(U32(total));
    }

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }
}
