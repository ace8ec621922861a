using System.Net;
using System.Net.Sockets;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// Hands out free loopback TCP ports. The kernel picks a free port (bind to port 0);
/// ports already handed out in this process are never returned twice, so fixtures
/// that allocate several ports before starting their servers do not collide.
/// </summary>
public static class PortAllocator
{
    private static readonly HashSet<int> Issued = [];
    private static readonly Lock Gate = new();

    /// <summary>A TCP port that is free on 127.0.0.1 (and, when given, on the extra addresses too).</summary>
    public static int Next(params IPAddress[] alsoFreeOn)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            if (!alsoFreeOn.All(a => IsFree(a, port)))
            {
                continue;
            }

            lock (Gate)
            {
                if (Issued.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("no free loopback port found");
    }

    /// <summary>True when a TCP listener could bind address:port right now.</summary>
    public static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
