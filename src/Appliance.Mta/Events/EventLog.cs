using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Events;

/// <summary>
/// The append-only event store: JSON lines under {DataDir}/events, one file per UTC hour
/// (events-yyyyMMddHH.jsonl), kept for <see cref="Retention"/>. <see cref="Write"/> only enqueues; a
/// background task writes and flushes in batches, so delivery never waits for it.
/// </summary>
public sealed class EventLog : IEventSink, IAsyncDisposable
{
    private readonly string _directory;
    private readonly ILogger<EventLog> _logger;
    private readonly Channel<MtaEvent> _channel = Channel.CreateUnbounded<MtaEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly TimeProvider _time;
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        TypeInfoResolver = EventJsonContext.Default,
    };

    public EventLog(string directory, TimeProvider time, ILogger<EventLog> logger)
    {
        _directory = directory;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(directory);
        _writer = Task.Run(WriteLoopAsync);
    }

    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    public void Write(MtaEvent e) => _channel.Writer.TryWrite(e);

    private async Task WriteLoopAsync()
    {
        string? currentPath = null;
        FileStream? stream = null;
        try
        {
            while (await _channel.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_channel.Reader.TryRead(out var e))
                {
                    var path = Path.Combine(_directory, $"events-{e.Timestamp.UtcDateTime:yyyyMMddHH}.jsonl");
                    if (path != currentPath)
                    {
                        if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
                        stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 64 * 1024);
                        currentPath = path;
                        PruneOldFiles();
                    }
                    JsonSerializer.Serialize(stream!, e, EventJsonContext.Default.MtaEvent);
                    stream!.WriteByte((byte)'\n');
                }
                await stream!.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Event log writer stopped");
        }
        finally
        {
            if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void PruneOldFiles()
    {
        var cutoff = _time.GetUtcNow().UtcDateTime - Retention;
        foreach (var file in Directory.EnumerateFiles(_directory, "events-*.jsonl"))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff)
            {
                try { File.Delete(file); } catch (IOException) { }
            }
        }
    }

    /// <summary>Scans the files newest first for events matching a message id or recipient.</summary>
    public async Task<IReadOnlyList<MtaEvent>> SearchAsync(string? messageId, string? recipient, int limit, CancellationToken cancellationToken)
    {
        var results = new List<MtaEvent>();
        foreach (var file in Directory.EnumerateFiles(_directory, "events-*.jsonl").OrderDescending())
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (messageId is not null && !line.Contains(messageId, StringComparison.Ordinal)) continue;
                if (recipient is not null && !line.Contains(recipient, StringComparison.OrdinalIgnoreCase)) continue;
                var e = JsonSerializer.Deserialize<MtaEvent>(line, Json);
                if (e is null) continue;
                if (messageId is not null && e.MessageId != messageId && e.MessageIdHeader != messageId) continue;
                if (recipient is not null && !string.Equals(e.Recipient, recipient, StringComparison.OrdinalIgnoreCase)) continue;
                results.Add(e);
                if (results.Count >= limit) return results;
            }
        }
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
