namespace ImeiGuard.Protocols.Capture;

/// <summary>
/// Reads the UDP datagrams of a whole pcap or pcapng file held in memory, skipping (and counting) everything
/// else. Built on <see cref="CaptureDecoder"/>; nothing is allocated and nothing is thrown.
/// </summary>
public ref struct CaptureReader
{
    private readonly ReadOnlySpan<byte> _file;
    private int _offset;
    private CaptureDecoder _decoder;
    private CaptureCounters _counters;
    private CaptureStatus _stopStatus;
    private CaptureSkipReason _error;

    /// <summary>Starts reading at the first octet of <paramref name="file"/>.</summary>
    public CaptureReader(ReadOnlySpan<byte> file)
    {
        _file = file;
        _stopStatus = CaptureStatus.Skipped;
    }

    /// <summary>Counters so far.</summary>
    public readonly CaptureCounters Counters => _counters;

    /// <summary>The format, once known.</summary>
    public readonly CaptureFormat Format => _decoder.Format;

    /// <summary>Octets consumed so far.</summary>
    public readonly int Consumed => _offset;

    /// <summary>
    /// After <see cref="TryReadNext"/> returned false: true when the file ended exactly at a record boundary.
    /// False when it ended inside a record (<see cref="IsTruncated"/>) or its structure is broken (<see cref="Error"/>).
    /// </summary>
    public readonly bool IsComplete => _offset == _file.Length && _stopStatus != CaptureStatus.InvalidData && _decoder.Format != CaptureFormat.Unknown;

    /// <summary>True when the file ends inside a record (a capture cut short).</summary>
    public readonly bool IsTruncated => _stopStatus == CaptureStatus.NeedMoreData && _offset < _file.Length;

    /// <summary>Why the file could not be read further (<see cref="CaptureSkipReason.None"/> if it could).</summary>
    public readonly CaptureSkipReason Error => _error;

    /// <summary>Moves to the next UDP datagram. Returns false at the end of the data or on a broken structure.</summary>
    public bool TryReadNext(out CapturedDatagram datagram)
    {
        while (true)
        {
            var status = _decoder.TryReadRecord(_file[_offset..], out datagram, out var reason, out var consumed);
            _offset += consumed;
            _counters.Add(status, reason);
            switch (status)
            {
                case CaptureStatus.Datagram:
                    return true;
                case CaptureStatus.Skipped:
                    continue;
                case CaptureStatus.InvalidData:
                    _error = reason;
                    _stopStatus = status;
                    return false;
                default:
                    _stopStatus = status;
                    return false;
            }
        }
    }
}
