using System.Net;
using System.Text.Json;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// The Python sink (peers/sink.py on Debian's aiosmtpd): one process listening on several
/// loopback addresses, all on one port. Recipients answer by local-part prefix
/// (defer*, reject*, deferonce*); accepted messages are files per listen address.
/// </summary>
public sealed class AiosmtpdSink : IAsyncDisposable
{
    private readonly string _dir;
    private ProcessRunner? _process;

    private AiosmtpdSink(string dir, int port, IReadOnlyList<string> addresses)
    {
        _dir = dir;
        Port = port;
        Addresses = addresses;
    }

    /// <summary>The common port.</summary>
    public int Port { get; }

    /// <summary>The addresses listened on.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>Path of peers/sink.py next to the test assembly.</summary>
    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "peers", "sink.py");

    /// <summary>Starts the sink and waits for its ready file. Port 0 picks a port free on every address.</summary>
    public static async Task<AiosmtpdSink> StartAsync(string dir, IReadOnlyList<string> addresses, int port = 0, bool tls = false)
    {
        Directory.CreateDirectory(dir);
        if (port == 0)
        {
            port = PortAllocator.Next([.. addresses.Select(IPAddress.Parse)]);
        }

        var sink = new AiosmtpdSink(dir, port, addresses);
        var args = new List<string> { "-u", ScriptPath, "--port", port.ToString(), "--dir", dir };
        foreach (var a in addresses)
        {
            args.Add("--listen");
            args.Add(a);
        }

        if (tls)
        {
            args.Add("--tls");
        }

        sink._process = ProcessRunner.Start(ToolPaths.Python, args, Path.Combine(dir, "sink.log"));
        var ready = await Eventually.TryAsync(() => File.Exists(Path.Combine(dir, "ready")) || sink._process.HasExited, TimeSpan.FromSeconds(30));
        if (!ready || sink._process.HasExited)
        {
            throw new InvalidOperationException($"sink did not start on {string.Join(",", addresses)}:{port}:\n{sink._process.Tail()}");
        }

        return sink;
    }

    /// <summary>All messages accepted so far on <paramref name="address"/> (all addresses when null), in arrival order.</summary>
    public IReadOnlyList<SinkMessage> Messages(string? address = null) => Messages(address, null);

    /// <summary>
    /// Messages whose sequence number is not in <paramref name="seen"/> (which is updated): an
    /// incremental read for large runs. Sequence numbers are per listen address.
    /// </summary>
    public IReadOnlyList<SinkMessage> Messages(string? address, ISet<int>? seen)
    {
        var result = new List<SinkMessage>();
        foreach (var a in address is null ? Addresses : [address])
        {
            var d = Path.Combine(_dir, a);
            if (!Directory.Exists(d))
            {
                continue;
            }

            foreach (var json in Directory.EnumerateFiles(d, "*.json"))
            {
                var seq = int.Parse(Path.GetFileNameWithoutExtension(json));
                if (seen is not null && !seen.Add(seq))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(File.ReadAllText(json));
                var root = doc.RootElement;
                result.Add(new SinkMessage(
                    a,
                    seq,
                    root.GetProperty("mail_from").GetString() ?? "",
                    [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString() ?? "")],
                    root.GetProperty("peer").GetString(),
                    File.ReadAllBytes(Path.ChangeExtension(json, ".eml"))));
            }
        }

        return [.. result.OrderBy(m => m.ListenAddress, StringComparer.Ordinal).ThenBy(m => m.Sequence)];
    }

    /// <summary>How many messages <paramref name="address"/> has accepted (cheap: counts sidecar files).</summary>
    public int Count(string address)
    {
        var d = Path.Combine(_dir, address);
        return Directory.Exists(d) ? Directory.EnumerateFiles(d, "*.json").Count() : 0;
    }

    /// <summary>Messages on <paramref name="address"/> with <paramref name="recipient"/> in the envelope.</summary>
    public IReadOnlyList<SinkMessage> MessagesFor(string address, string recipient) =>
        [.. Messages(address).Where(m => m.RcptTos.Contains(recipient, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Every RCPT the sink saw on <paramref name="address"/>, optionally for one recipient.</summary>
    public IReadOnlyList<RcptAttempt> RcptAttempts(string address, string? recipient = null)
    {
        var path = Path.Combine(_dir, address, "rcpt.log");
        if (!File.Exists(path))
        {
            return [];
        }

        var result = new List<RcptAttempt>();
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(fs);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || !line.EndsWith('}'))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var attempt = new RcptAttempt(
                r.GetProperty("rcpt").GetString() ?? "",
                r.GetProperty("code").GetInt32(),
                DateTimeOffset.FromUnixTimeMilliseconds((long)(r.GetProperty("time").GetDouble() * 1000)));
            if (recipient is null || string.Equals(attempt.Recipient, recipient, StringComparison.OrdinalIgnoreCase))
            {
                result.Add(attempt);
            }
        }

        return result;
    }

    /// <summary>The sink's own log, for failure messages.</summary>
    public string Tail(int lines = 60) => _process?.Tail(lines) ?? "(not started)";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
