using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Appliance.Mta.Tests.Dns;

/// <summary>
/// A real dnsmasq on 127.0.0.1:&lt;free port&gt; serving only the zone "test" (unknown names under it are
/// NXDOMAIN; names elsewhere are REFUSED, i.e. a server failure). Killed when the test class is done.
/// </summary>
public sealed class DnsmasqFixture : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; private set; }

    public string Server => $"127.0.0.1:{Port}";

    private static readonly string[] Records =
    [
        "--mx-host=single.test,mx.single.test,10",
        "--host-record=mx.single.test,127.0.0.2",
        "--mx-host=multi.test,mx1.multi.test,10",
        "--mx-host=multi.test,mx2.multi.test,20",
        "--mx-host=multi.test,mx3.multi.test,10",
        "--host-record=mx1.multi.test,127.0.0.3",
        "--host-record=mx2.multi.test,127.0.0.4,::4",
        "--host-record=implicit.test,127.0.0.5,::5",
        // RFC 7505: dnsmasq writes the root "." exchange as asked.
        "--mx-host=null.test,.,0",
    ];

    public async Task InitializeAsync()
    {
        if (!File.Exists(DnsmasqFactAttribute.Path)) return;
        // The free UDP port may be taken on TCP (or grabbed meanwhile): try a few ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await DisposeAsync();
            }
        }
    }

    private async Task StartAsync()
    {
        Port = FreeUdpPort();
        var psi = new ProcessStartInfo(DnsmasqFactAttribute.Path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--no-daemon", $"--port={Port}", "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--local=/test/" })
            psi.ArgumentList.Add(a);
        foreach (var r in Records) psi.ArgumentList.Add(r);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("dnsmasq did not start");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            if (e.Data.Contains("started", StringComparison.Ordinal)) started.TrySetResult();
        };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var done = await Task.WhenAny(started.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(20)));
        if (done != started.Task) throw new InvalidOperationException($"dnsmasq failed to start: {log}");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill();
        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreeUdpPort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}
