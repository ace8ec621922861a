using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>
/// Debian's dnsmasq on 127.0.0.1:&lt;free port&gt; answering NXDOMAIN for every name under "example" (nothing is
/// published unless given), so the domain checks fail with their suggestions instead of timing out. Killed on dispose.
/// </summary>
public sealed class LoopbackDns : IAsyncDisposable
{
    public const string Path = "/usr/sbin/dnsmasq";

    private readonly Process _process;

    private LoopbackDns(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Server => $"127.0.0.1:{Port}";

    public static bool Available => File.Exists(Path);

    /// <param name="records">Extra dnsmasq options publishing records, e.g. <c>--dns-rr=name,52,hex</c> for a TLSA record.</param>
    public static async Task<LoopbackDns> StartAsync(params string[] records)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeUdpPort();
            var psi = new ProcessStartInfo(Path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "--no-daemon", $"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--local=/example/" }.Concat(records))
                psi.ArgumentList.Add(a);
            var process = Process.Start(psi) ?? throw new InvalidOperationException("dnsmasq did not start");
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("started", StringComparison.Ordinal) == true) started.TrySetResult(); };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var done = await Task.WhenAny(started.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(20)));
            if (done == started.Task) return new LoopbackDns(process, port);
            if (!process.HasExited) process.Kill();
            process.Dispose();
            if (attempt >= 3) throw new InvalidOperationException("dnsmasq failed to start on a free loopback port");
        }
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
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
