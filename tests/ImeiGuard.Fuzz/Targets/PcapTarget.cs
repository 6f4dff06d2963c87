using ImeiGuard.Protocols.Capture;
using ImeiGuard.Protocols.Radius;
using static ImeiGuard.Fuzz.FuzzFailure;

namespace ImeiGuard.Fuzz.Targets;

/// <summary>
/// The pcap/pcapng reader over one file, read whole (<see cref="CaptureReader"/>) and streamed in small windows
/// through <see cref="CaptureDecoder"/> (as the replay command's PipeReader feeds it): both must end and yield the
/// same datagrams. Every datagram then goes through the RADIUS parser, as replay does.
/// </summary>
internal static class PcapTarget
{
    /// <summary>Odd, so that records straddle windows at every offset.</summary>
    private const int Window = 61;

    public static void Run(byte[] file)
    {
        var whole = ReadWhole(file);
        var streamed = ReadStreamed(file);
        Check(whole.Count == streamed.Count, $"whole read gave {whole.Count} datagrams, streamed {streamed.Count}");
        for (var i = 0; i < whole.Count; i++)
        {
            Check(whole[i].Frame == streamed[i].Frame && whole[i].Payload.AsSpan().SequenceEqual(streamed[i].Payload), $"datagram {i} differs when streamed");
        }
    }

    private static List<(long Frame, byte[] Payload)> ReadWhole(byte[] file)
    {
        var datagrams = new List<(long, byte[])>();
        var reader = new CaptureReader(file);
        while (reader.TryReadNext(out var datagram))
        {
            // Every datagram consumes at least one record header, so there are fewer datagrams than octets.
            Check(datagrams.Count < file.Length, "reader yields datagrams without consuming the file");
            _ = AccountingRequestParser.TryParse(datagram.Payload, RadiusParserOptions.Default, out _);
            datagrams.Add((datagram.FrameNumber, datagram.Payload.ToArray()));
        }

        Check(reader.Consumed <= file.Length, "reader consumed past the end");
        return datagrams;
    }

    private static List<(long Frame, byte[] Payload)> ReadStreamed(byte[] file)
    {
        var datagrams = new List<(long, byte[])>();
        var decoder = default(CaptureDecoder);
        var offset = 0;
        var end = Math.Min(Window, file.Length);
        for (var steps = 0; ; steps++)
        {
            Check(steps <= (2 * file.Length) + 2, "decoder makes no progress");
            var status = decoder.TryReadRecord(file.AsSpan(offset, end - offset), out var datagram, out _, out var consumed);
            Check(consumed >= 0 && offset + consumed <= end, "decoder consumed outside its window");
            if (status == CaptureStatus.NeedMoreData)
            {
                Check(consumed == 0, "NeedMoreData consumed octets");
                if (end == file.Length)
                {
                    return datagrams;
                }

                end = Math.Min(end + Window, file.Length);
                continue;
            }

            if (status == CaptureStatus.InvalidData)
            {
                return datagrams;
            }

            Check(consumed > 0, "a record was read without consuming octets");
            offset += consumed;
            if (status == CaptureStatus.Datagram)
            {
                datagrams.Add((datagram.FrameNumber, datagram.Payload.ToArray()));
            }
        }
    }
}
