namespace ImeiGuard.Protocols.Capture;

/// <summary>The capture file format.</summary>
public enum CaptureFormat : byte
{
    Unknown = 0,
    Pcap,
    PcapNg,
}
