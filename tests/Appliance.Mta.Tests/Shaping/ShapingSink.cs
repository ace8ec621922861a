using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Appliance.Mta.Tests.Smtp.Client;

namespace Appliance.Mta.Tests.Shaping;

/// <summary>shaping_sink.py under /usr/bin/python3 (Debian's aiosmtpd) on a free loopback port; its JSON event log.</summary>
public sealed class ShapingSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _log;

    private ShapingSink(Process process, int port, string log)
    {
        _process = process;
        Port = port;
        _log = log;
    }

    public int Port { get; }

    public static async Task<ShapingSink> StartAsync([CallerFilePath] string thisFile = "")
    {
        var port = PythonPeer.FreeLoopbackPort();
        var log = Path.Combine(Directory.CreateTempSubdirectory("shaping-sink-").FullName, "events.jsonl");
        var script = Path.Combine(Path.GetDirectoryName(thisFile)!, "shaping_sink.py");
        var process = PythonPeer.Start([script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), log], "shaping sink");
        var sink = new ShapingSink(process, port, log);
        if (await PythonPeer.WaitForListenAsync(process, port, "shaping sink")) return sink;
        await sink.DisposeAsync();
        throw new InvalidOperationException("shaping sink did not listen");
    }

    public IReadOnlyList<SinkEvent> Events()
    {
        if (!File.Exists(_log)) return [];
        using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var list = new List<SinkEvent>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            list.Add(new SinkEvent(
                r.GetProperty("event").GetString()!,
                r.TryGetProperty("ip", out var ip) ? ip.GetString() : null,
                r.TryGetProperty("open", out var open) ? open.GetInt32() : 0,
                r.TryGetProperty("helo", out var helo) ? helo.GetString() : null,
                r.TryGetProperty("from", out var from) ? from.GetString() : null,
                r.TryGetProperty("rcpts", out var rcpts) ? rcpts.EnumerateArray().Select(x => x.GetString()!).ToList() : [],
                r.GetProperty("t").GetDouble()));
        }
        return list;
    }

    public IReadOnlyList<SinkEvent> Deliveries() => Events().Where(e => e.Event == "data").ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages arrived (real time, up to <paramref name="timeout"/>).</summary>
    public async Task<IReadOnlyList<SinkEvent>> WaitForDeliveriesAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var d = Deliveries();
            if (d.Count >= count) return d;
            await Task.Delay(50);
        }
        return Deliveries();
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.Kill(true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
