using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// A private dnsmasq on 127.0.0.1:&lt;port&gt; serving a test zone from a generated conf file.
/// Everything under the <c>local=</c> zones that is not defined answers NXDOMAIN; a name with
/// only an A record answers NOERROR/NODATA for MX (the implicit-MX case).
/// </summary>
public sealed class DnsmasqServer : IAsyncDisposable
{
    private readonly List<string> _lines = [];
    private ProcessRunner? _process;
    private string? _workDir;

    /// <summary>UDP/TCP port it serves on.</summary>
    public int Port { get; private set; }

    /// <summary>"127.0.0.1:port", as the appliance's Dns:Servers wants it.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Answer NXDOMAIN for any undefined name under <paramref name="zone"/>.</summary>
    public DnsmasqServer LocalZone(string zone) => Add($"local=/{zone}/");

    /// <summary>An MX record.</summary>
    public DnsmasqServer Mx(string domain, string host, int preference) => Add($"mx-host={domain},{host},{preference}");

    /// <summary>A TXT record (one character-string; dnsmasq splits values over 255 octets).</summary>
    public DnsmasqServer Txt(string name, string value) => Add($"txt-record={name},\"{value}\"");

    /// <summary>An A record.</summary>
    public DnsmasqServer A(string name, string address) => Add($"host-record={name},{address}");

    /// <summary>
    /// RFC 7505 null MX: "MX 0 ." as a raw record (type 15, RDATA = preference 0x0000 + root label 0x00).
    /// </summary>
    public DnsmasqServer NullMx(string domain) => Add($"dns-rr={domain},15,000000");

    /// <summary>Stops dnsmasq and starts it again on the same port with the records added since (dnsmasq
    /// re-reads txt-record lines only at start).</summary>
    public async Task RestartAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }

        await StartAsync(_workDir ?? throw new InvalidOperationException("not started"));
    }

    /// <summary>Starts dnsmasq and waits until it answers a query.</summary>
    public async Task StartAsync(string workDir)
    {
        Directory.CreateDirectory(workDir);
        _workDir = workDir;
        if (Port == 0)
        {
            Port = PortAllocator.Next();
        }

        var conf = Path.Combine(workDir, "dnsmasq.conf");
        await File.WriteAllLinesAsync(conf, _lines.Prepend("local-ttl=1"));
        _process = ProcessRunner.Start(
            ToolPaths.Dnsmasq,
            [
                "--no-daemon", $"--port={Port}", "--listen-address=127.0.0.1", "--bind-interfaces",
                "--no-resolv", "--no-hosts", $"--conf-file={conf}", "--log-queries",
            ],
            Path.Combine(workDir, "dnsmasq.log"));
        var up = await Eventually.TryAsync(async () => !_process.HasExited && await AnswersAsync(), TimeSpan.FromSeconds(15));
        if (!up)
        {
            throw new InvalidOperationException($"dnsmasq did not start on {Endpoint}:\n{_process.Tail()}");
        }
    }

    /// <summary>The log (queries are logged), for failure messages.</summary>
    public string Tail(int lines = 60) => _process?.Tail(lines) ?? "(not started)";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private DnsmasqServer Add(string line)
    {
        _lines.Add(line);
        return this;
    }

    // A minimal RFC 1035 §4.1 query for "probe.invalid A"; any well-formed reply means it is up.
    private async Task<bool> AnswersAsync()
    {
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        var q = new List<byte> { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in "probe.invalid".Split('.'))
        {
            q.Add((byte)label.Length);
            q.AddRange(Encoding.ASCII.GetBytes(label));
        }

        q.AddRange([0, 0, 1, 0, 1]);
        await udp.SendAsync(q.ToArray(), new IPEndPoint(IPAddress.Loopback, Port));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            var r = await udp.ReceiveAsync(cts.Token);
            return r.Buffer.Length >= 12 && r.Buffer[0] == 0x12 && r.Buffer[1] == 0x34;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
