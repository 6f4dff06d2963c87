using System.Buffers.Binary;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>
/// One received datagram on its way to a worker. The pooled buffer holds the payload at
/// [0, Length) and the sender's socket address at [<see cref="AddressOffset"/>, +AddressLength), so the
/// worker can answer without allocating an endpoint.
/// </summary>
internal readonly record struct IngestDatagram(byte[] Buffer, int Length, int AddressLength, UInt128 Source, long ReceivedTimestamp)
{
    /// <summary>Payload room: more than the RADIUS maximum (4096) so oversize datagrams are seen as such.</summary>
    public const int PayloadCapacity = 8192;

    public const int AddressOffset = PayloadCapacity;

    /// <summary>Room for a sockaddr_in6 and then some.</summary>
    public const int AddressCapacity = 64;

    public const int BufferSize = PayloadCapacity + AddressCapacity;

    public ReadOnlySpan<byte> Payload => Buffer.AsSpan(0, Length);

    public ReadOnlySpan<byte> Address => Buffer.AsSpan(AddressOffset, AddressLength);

    /// <summary>The sender's UDP port: octets 2-3 of sockaddr_in and sockaddr_in6 alike, network order.</summary>
    public ushort SourcePort => AddressLength >= 4 ? BinaryPrimitives.ReadUInt16BigEndian(Address[2..]) : (ushort)0;
}
