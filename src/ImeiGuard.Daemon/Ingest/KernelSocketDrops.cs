using System.Globalization;
using System.Net.Sockets;

namespace ImeiGuard.Daemon.Ingest;

/// <summary>
/// Datagrams the kernel dropped for one UDP socket because its receive buffer was full: the drops that happen
/// before the daemon sees a datagram, so no counter of its own can count them. Linux only: the "drops" column of
/// /proc/net/udp and /proc/net/udp6 (proc(5)), found by the socket's inode.
/// </summary>
internal sealed class KernelSocketDrops
{
    private const int InodeColumn = 9;
    private static readonly string[] Tables = ["/proc/net/udp", "/proc/net/udp6"];
    private readonly string? _inode;

    public KernelSocketDrops(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // /proc/self/fd/N links to "socket:[INODE]".
        var link = new FileInfo($"/proc/self/fd/{socket.SafeHandle.DangerousGetHandle()}").LinkTarget;
        if (link is not null && link.StartsWith("socket:[", StringComparison.Ordinal) && link.EndsWith(']'))
        {
            _inode = link["socket:[".Length..^1];
        }
    }

    /// <summary>The kernel's drop count for the socket, or null where it cannot be read.</summary>
    public long? Read()
    {
        if (_inode is null)
        {
            return null;
        }

        foreach (var table in Tables)
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > InodeColumn + 1 && columns[InodeColumn] == _inode)
                {
                    return long.Parse(columns[^1], CultureInfo.InvariantCulture);
                }
            }
        }

        return null;
    }
}
