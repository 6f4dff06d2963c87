using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.Daemon.Replay;

/// <summary>How reading a capture ended.</summary>
/// <param name="Counters">Records, datagrams and skipped frames by reason.</param>
/// <param name="Format">pcap or pcapng; <see cref="CaptureFormat.Unknown"/> for an empty file.</param>
/// <param name="Error">Why the file could not be read to its end (<see cref="CaptureSkipReason.None"/> if it could).</param>
/// <param name="TrailingOctets">Octets after the last whole record: a capture cut short (0 for a complete file).</param>
internal readonly record struct CaptureReadOutcome(CaptureCounters Counters, CaptureFormat Format, CaptureSkipReason Error, long TrailingOctets)
{
    /// <summary>True when every octet was read as a whole record of a known format.</summary>
    public bool IsComplete => Error == CaptureSkipReason.None && TrailingOctets == 0 && Format != CaptureFormat.Unknown;
}
