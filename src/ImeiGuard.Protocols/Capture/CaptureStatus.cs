namespace ImeiGuard.Protocols.Capture;

/// <summary>What one call of <see cref="CaptureDecoder.TryReadRecord"/> achieved (cf. <see cref="System.Buffers.OperationStatus"/>).</summary>
public enum CaptureStatus : byte
{
    /// <summary>A packet record held a UDP datagram; the record was consumed.</summary>
    Datagram = 0,

    /// <summary>A record was consumed that yields no datagram; <see cref="CaptureSkipReason"/> says why.</summary>
    Skipped,

    /// <summary>The buffer ends inside a record; nothing was consumed. Call again with more data.</summary>
    NeedMoreData,

    /// <summary>The file structure is broken (bad magic, impossible block length); reading cannot continue.</summary>
    InvalidData,
}
