using System.Net;
using System.Net.Sockets;

namespace Appliance.Packaging.Tests;

/// <summary>Free loopback ports and waiting for a listener.</summary>
public static class Ports
{
    public static int Free()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Polls until 127.0.0.1:<paramref name="port"/> accepts; <paramref name="failure"/> ends the wait early with its message.</summary>
    public static void WaitListening(int port, TimeSpan deadline, Func<string?> failure)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            if (failure() is { } why) throw new InvalidOperationException(why);
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(250);
            }
        }
    }
}
