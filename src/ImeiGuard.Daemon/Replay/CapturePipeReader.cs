using System.Buffers;
using System.IO.Pipelines;
using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.Daemon.Replay;

/// <summary>
/// Streams a pcap or pcapng file through <see cref="CaptureDecoder"/> with a <see cref="PipeReader"/>, handing
/// every UDP datagram to an <see cref="IDatagramSink"/>. The file is never held whole: a record is decoded in
/// place from the pipe's segment, or, when it straddles two segments, from one reused scratch copy. After the
/// first few records nothing is allocated per record.
/// </summary>
internal sealed class CapturePipeReader : IDisposable
{
    /// <summary>
    /// Most octets buffered for one record. pcapng blocks are capped at <see cref="CaptureDecoder.MaxBlockLength"/>;
    /// a classic pcap record may claim up to the file's snap length, which can be absurd in a damaged file.
    /// </summary>
    private const int MaxRecordBuffer = CaptureDecoder.MaxBlockLength + 16;

    private const int MinScratch = 4096;

    private CaptureDecoder _decoder;
    private CaptureCounters _counters;
    private CaptureSkipReason _error;
    private byte[] _scratch = [];

    // After a straddling record did not fit in everything buffered, it is tried again only once the buffer
    // has doubled (or the file ended), so a large record costs O(its size) in copies, not O(size²/segment).
    private long _retryAt;

    /// <summary>Reads <paramref name="reader"/> to its end (or to a broken record) and completes it.</summary>
    public async ValueTask<CaptureReadOutcome> ReadAllAsync(PipeReader reader, IDatagramSink sink, CancellationToken cancellationToken)
    {
        long trailing = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var consumed = buffer.Start;
                try
                {
                    consumed = ReadRecords(buffer, result.IsCompleted, sink);
                    trailing = buffer.Slice(consumed).Length;
                }
                finally
                {
                    // Kestrel's pattern: everything was examined (an incomplete record needs more data, not
                    // another look at the same octets), and only whole records are consumed.
                    reader.AdvanceTo(consumed, buffer.End);
                }

                if (_error != CaptureSkipReason.None || result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }

        return new CaptureReadOutcome(_counters, _decoder.Format, _error, _error == CaptureSkipReason.None ? trailing : 0);
    }

    public void Dispose()
    {
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
        }
    }

    /// <summary>Decodes whole records from the start of <paramref name="buffer"/>; returns where the unread rest begins.</summary>
    private SequencePosition ReadRecords(ReadOnlySequence<byte> buffer, bool isLast, IDatagramSink sink)
    {
        var rest = buffer;
        while (!rest.IsEmpty)
        {
            var status = ReadRecord(rest, isLast, sink, out var used);
            if (status is CaptureStatus.NeedMoreData or CaptureStatus.InvalidData)
            {
                break;
            }

            _retryAt = 0;
            rest = rest.Slice(used);
        }

        return rest.Start;
    }

    /// <summary>
    /// One record from the start of <paramref name="rest"/>. Fast path: the record lies within the first segment.
    /// Otherwise a window of the sequence is copied to the scratch buffer, doubling until the record fits or
    /// the buffered data runs out; a window is at least twice the first segment, so a record that straddles two
    /// segments usually fits in the first copy.
    /// </summary>
    private CaptureStatus ReadRecord(in ReadOnlySequence<byte> rest, bool isLast, IDatagramSink sink, out long used)
    {
        var first = rest.FirstSpan;
        var status = Decode(first, sink, out var consumed);
        used = consumed;
        if (status != CaptureStatus.NeedMoreData || first.Length == rest.Length || (rest.Length < _retryAt && !isLast))
        {
            return status;
        }

        var window = Math.Min(rest.Length, Math.Max(2L * first.Length, MinScratch));
        while (true)
        {
            window = Math.Min(window, MaxRecordBuffer);
            var scratch = Scratch((int)window);
            rest.Slice(0, window).CopyTo(scratch);
            status = Decode(scratch, sink, out consumed);
            used = consumed;
            if (status != CaptureStatus.NeedMoreData)
            {
                return status;
            }

            if (window == MaxRecordBuffer)
            {
                _error = CaptureSkipReason.InvalidRecordLength;
                return CaptureStatus.InvalidData;
            }

            if (window == rest.Length)
            {
                _retryAt = 2 * rest.Length;
                return status;
            }

            window = Math.Min(rest.Length, 2 * window);
        }
    }

    private CaptureStatus Decode(ReadOnlySpan<byte> octets, IDatagramSink sink, out int consumed)
    {
        var status = _decoder.TryReadRecord(octets, out var datagram, out var reason, out consumed);
        _counters.Add(status, reason);
        if (status == CaptureStatus.Datagram)
        {
            sink.OnDatagram(datagram);
        }
        else if (status == CaptureStatus.InvalidData)
        {
            _error = reason;
        }

        return status;
    }

    private Span<byte> Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            if (_scratch.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
            }

            _scratch = ArrayPool<byte>.Shared.Rent(Math.Max(length, MinScratch));
        }

        return _scratch.AsSpan(0, length);
    }
}
