using ImeiGuard.Protocols.Capture;

namespace ImeiGuard.Daemon.Replay;

/// <summary>Receives the UDP datagrams of a capture, one at a time, in file order.</summary>
internal interface IDatagramSink
{
    /// <summary>
    /// Handles one datagram. Its payload is a slice of the reader's buffer and is valid only during the call.
    /// </summary>
    void OnDatagram(scoped in CapturedDatagram datagram);
}
