using System.Runtime.InteropServices;
using ImeiGuard.LoadGen.Traffic;

namespace ImeiGuard.LoadGen.Sending;

/// <summary>
/// Records built before sending, in one native (so never moved) buffer at a fixed stride, with the iovec and
/// mmsghdr arrays that point into it: a batch is a slice of the mmsghdr array, so sending costs no copying.
/// </summary>
internal sealed unsafe class PacketPool : IDisposable
{
    private const int Stride = AccountingRequestFactory.MaxPacketLength;

    private readonly byte* _packets;
    private readonly IoVec* _iov;
    private readonly MMsgHdr* _messages;

    /// <summary>Builds records <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> - 1.</summary>
    public PacketPool(AccountingRequestFactory factory, long first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _packets = (byte*)NativeMemory.AlignedAlloc((nuint)count * Stride, 64);
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(IoVec));
        _messages = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(MMsgHdr));
        long octets = 0;
        for (var i = 0; i < count; i++)
        {
            var packet = _packets + ((long)i * Stride);
            var length = factory.Write(first + i, new Span<byte>(packet, Stride));
            octets += length;
            _iov[i] = new IoVec { Base = packet, Length = (nuint)length };
            _messages[i].Header.Iov = &_iov[i];
            _messages[i].Header.IovLength = 1;
        }

        MeanLength = (double)octets / count;
    }

    public int Count { get; }

    public double MeanLength { get; }

    /// <summary>The mmsghdr of record <paramref name="index"/> (0-based within the pool).</summary>
    public MMsgHdr* Messages(int index) => _messages + index;

    public ReadOnlySpan<byte> Packet(int index) => new(_packets + ((long)index * Stride), (int)_iov[index].Length);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_packets);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_messages);
    }
}
