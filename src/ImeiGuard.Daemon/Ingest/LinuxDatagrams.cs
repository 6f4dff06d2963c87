using System.Runtime.InteropServices;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>
/// recvmmsg(2) and sendmmsg(2), and the Linux x86-64/arm64 structure layouts they take: many datagrams per
/// system call, in both directions of the RADIUS socket.
/// </summary>
internal static unsafe partial class LinuxDatagrams
{
    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int MsgTrunc = 0x20;
    public const int MsgDontWait = 0x40;
    public const int MsgWaitForOne = 0x10000;

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int RecvMmsg(int socket, MMsgHdr* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMmsg(int socket, MMsgHdr* messages, uint count, int flags);

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }
}
