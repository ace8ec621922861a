using System.Text.Json;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// The limits sink (peers/limits_sink.py, plain asyncio under Debian's python3): logs every connection's open and close
/// with the number open at that moment, every EHLO name and every message with its arrival time, and answers
/// <c>421 4.7.28</c> to MAIL FROM in sessions whose EHLO name is listed in its <c>defer</c> file
/// (<see cref="Defer"/>). The cluster limit scenarios measure rates and concurrency from this log.
/// </summary>
public sealed class LimitsSink : IAsyncDisposable
{
    private readonly string _dir;
    private ProcessRunner? _process;

    private LimitsSink(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>"127.0.0.1:port", a smart host setting.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Starts the sink on 127.0.0.1 and a free port and waits for its ready file.</summary>
    public static async Task<LimitsSink> StartAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        var sink = new LimitsSink(dir, PortAllocator.Next());
        var script = Path.Combine(AppContext.BaseDirectory, "peers", "limits_sink.py");
        sink._process = ProcessRunner.Start(ToolPaths.Python, ["-u", script, "--port", sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", dir],
            Path.Combine(dir, "sink.log"));
        var ready = await Eventually.TryAsync(() => File.Exists(Path.Combine(dir, "ready")) || sink._process.HasExited, TimeSpan.FromSeconds(30));
        if (!ready || sink._process.HasExited) throw new InvalidOperationException($"limits sink did not start:\n{sink._process.Tail()}");
        return sink;
    }

    /// <summary>Answers 421 4.7.28 to sessions greeting with one of <paramref name="ehloNames"/>; none: accept everyone.</summary>
    public void Defer(params string[] ehloNames)
    {
        var path = Path.Combine(_dir, "defer");
        if (ehloNames.Length == 0) File.Delete(path);
        else File.WriteAllLines(path + ".tmp", ehloNames);
        if (ehloNames.Length > 0) File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Every event so far, in log order.</summary>
    public IReadOnlyList<LimitsSinkEvent> Events()
    {
        var path = Path.Combine(_dir, "events.log");
        if (!File.Exists(path)) return [];
        var result = new List<LimitsSinkEvent>();
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(fs);
        while (reader.ReadLine() is { } line)
        {
            if (!line.EndsWith('}')) continue; // a line being written
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            string? Text(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            result.Add(new LimitsSinkEvent(
                r.GetProperty("ev").GetString()!,
                DateTimeOffset.FromUnixTimeMilliseconds((long)(r.GetProperty("t").GetDouble() * 1000)),
                r.GetProperty("conn").GetInt32(),
                Text("peer"),
                Text("name"),
                r.TryGetProperty("concurrent", out var c) ? c.GetInt32() : 0,
                Text("message_id")));
        }
        return result;
    }

    /// <summary>The messages received, in arrival order.</summary>
    public IReadOnlyList<LimitsSinkEvent> Messages() => [.. Events().Where(e => e.Kind == "msg")];

    /// <summary>The sink's own log, for failure messages.</summary>
    public string Tail(int lines = 20) => _process?.Tail(lines) ?? "(not started)";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
    }
}
