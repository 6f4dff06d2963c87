using System.Net;
using System.Net.Sockets;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>Free loopback ports for servers that cannot be told to use port 0 and report it.</summary>
internal static class LoopbackPorts
{
    public static int FreeTcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static int FreeUdp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
