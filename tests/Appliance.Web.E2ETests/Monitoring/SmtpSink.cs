using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Appliance.Web.E2ETests.Monitoring;

/// <summary>Debian's aiosmtpd as a loopback SMTP sink (accepts every message); killed on dispose.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;

    private SmtpSink(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static bool Available => File.Exists(Python) && File.Exists("/usr/bin/swaks");

    public static async Task<SmtpSink> StartAsync()
    {
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sink = new SmtpSink(process, port);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException)
            {
                if (process.HasExited) break;
                await Task.Delay(100);
            }
        }
        await sink.DisposeAsync();
        throw new InvalidOperationException($"aiosmtpd is not listening on 127.0.0.1:{port}");
    }

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
