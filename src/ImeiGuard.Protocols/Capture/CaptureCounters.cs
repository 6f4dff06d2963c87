namespace ImeiGuard.Protocols.Capture;

/// <summary>What a <see cref="CaptureReader"/> has seen so far: packet records, datagrams, and why others were skipped.</summary>
public struct CaptureCounters
{
    /// <summary>Packet records (pcap records, pcapng EPB/SPB/PB).</summary>
    public long Frames { get; private set; }

    /// <summary>UDP datagrams delivered.</summary>
    public long Datagrams { get; private set; }

    /// <summary>Non-packet records: the pcap file header and pcapng metadata blocks.</summary>
    public long MetadataRecords { get; private set; }

    public long UnsupportedLinkType { get; private set; }
    public long UnknownInterface { get; private set; }
    public long NotIp { get; private set; }
    public long NotUdp { get; private set; }
    public long Fragments { get; private set; }
    public long Truncated { get; private set; }
    public long Malformed { get; private set; }

    /// <summary>Counts one record with the status and reason that <see cref="CaptureDecoder.TryReadRecord"/> returned.</summary>
    public void Add(CaptureStatus status, CaptureSkipReason reason)
    {
        if (status == CaptureStatus.Datagram)
        {
            Frames++;
            Datagrams++;
            return;
        }

        if (status != CaptureStatus.Skipped)
        {
            return;
        }

        switch (reason)
        {
            case CaptureSkipReason.FileHeader or CaptureSkipReason.Metadata:
                MetadataRecords++;
                return;
            case CaptureSkipReason.UnsupportedLinkType:
                UnsupportedLinkType++;
                break;
            case CaptureSkipReason.UnknownInterface:
                UnknownInterface++;
                break;
            case CaptureSkipReason.NotIp:
                NotIp++;
                break;
            case CaptureSkipReason.NotUdp:
                NotUdp++;
                break;
            case CaptureSkipReason.Fragment:
                Fragments++;
                break;
            case CaptureSkipReason.Truncated:
                Truncated++;
                break;
            default:
                Malformed++;
                break;
        }

        Frames++;
    }
}
