using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Appliance.Mta.Tests.Smtp.Client;

/// <summary>Starting a Debian python3 SMTP peer on a free loopback port and waiting until it listens.</summary>
internal static class PythonPeer
{
    public static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static Process Start(IEnumerable<string> args, string name, string? pythonPath = null)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (pythonPath is not null) psi.Environment["PYTHONPATH"] = pythonPath;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"{name} did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>True once 127.0.0.1:<paramref name="port"/> accepts (up to 10 s); throws if the peer exits first.</summary>
    public static async Task<bool> WaitForListenAsync(Process process, int port, string name)
    {
        for (var i = 0; i < 200; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode}");
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        return false;
    }
}
