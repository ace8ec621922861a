using System.Buffers;
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
    /// <summary>
    /// The JSON settings of the event lines (web casing, enums as names, nulls left out, source-generated); readers of
    /// the files must use the same.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        TypeInfoResolver = EventJsonContext.Default,
    };

    /// <summary>
    /// Opens the log in <paramref name="directory"/> (created when missing) and starts the background writer; files
    /// older than <paramref name="retention"/> (default <see cref="EventLogOptions.DefaultRetention"/>) are pruned.
    /// </summary>
    public EventLog(string directory, TimeProvider time, ILogger<EventLog> logger, TimeSpan? retention = null)
    {
        _directory = directory;
        Retention = retention ?? EventLogOptions.DefaultRetention;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(directory);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Files older than this are pruned when the log opens a new hourly file (<see cref="EventLogOptions.Retention"/>).</summary>
    public TimeSpan Retention { get; }

    /// <inheritdoc/>
    public void Write(MtaEvent e) => _channel.Writer.TryWrite(e);

    private async Task WriteLoopAsync()
    {
        string? currentPath = null;
        FileStream? stream = null;
        var currentHour = long.MinValue;
        var typeInfo = EventJsonContext.Default.MtaEvent;
        // One JSON writer over one reused buffer for the life of the loop, reset after each line: no writer and no pooled
        // buffer per event. The lines of a drained batch go to the file in few writes.
        var lines = new ArrayBufferWriter<byte>(64 * 1024);
        using var json = new Utf8JsonWriter(lines, new JsonWriterOptions
        {
            Encoder = typeInfo.Options.Encoder,
            Indented = typeInfo.Options.WriteIndented,
            MaxDepth = typeInfo.Options.MaxDepth,
        });
        try
        {
            while (await _channel.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_channel.Reader.TryRead(out var e))
                {
                    // The file name only changes with the UTC hour: built when the hour does, not per event.
                    var hour = e.Timestamp.UtcTicks / TimeSpan.TicksPerHour;
                    if (hour != currentHour)
                    {
                        currentHour = hour;
                        var path = Path.Combine(_directory, $"events-{e.Timestamp.UtcDateTime:yyyyMMddHH}.jsonl");
                        if (path != currentPath)
                        {
                            if (stream is not null)
                            {
                                WriteLines(stream, lines);
                                await stream.DisposeAsync().ConfigureAwait(false);
                            }
                            stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 0);
                            currentPath = path;
                            PruneOldFiles();
                        }
                    }
                    JsonSerializer.Serialize(json, e, typeInfo);
                    json.Flush();
                    json.Reset();
                    lines.GetSpan(1)[0] = (byte)'\n';
                    lines.Advance(1);
                    if (lines.WrittenCount >= 60 * 1024) WriteLines(stream!, lines);
                }
                // Synchronous: the file is not opened for async I/O, so an async write would only queue the same write to
                // another thread-pool thread.
                WriteLines(stream!, lines);
            }
        }
        catch (Exception ex)
        {
            EventsLog.WriterStopped(_logger, ex);
        }
        finally
        {
            // Every batch ended with its lines written; after a failure the partial line is dropped.
            if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void WriteLines(FileStream stream, ArrayBufferWriter<byte> lines)
    {
        if (lines.WrittenCount == 0) return;
        stream.Write(lines.WrittenSpan);
        lines.ResetWrittenCount();
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
    public Task<IReadOnlyList<MtaEvent>> SearchAsync(string? messageId, string? recipient, int limit, CancellationToken cancellationToken) =>
        SearchAsync(new EventQuery { MessageId = messageId, Recipient = recipient, Limit = limit }, cancellationToken);

    /// <summary>
    /// The newest <see cref="EventQuery.Limit"/> matching events, newest first. Files whose hour (from the
    /// name) lies outside the query's time range are not opened.
    /// </summary>
    public async Task<IReadOnlyList<MtaEvent>> SearchAsync(EventQuery query, CancellationToken cancellationToken)
    {
        var results = new List<MtaEvent>();
        await foreach (var e in StreamAsync(query, cancellationToken).ConfigureAwait(false)) results.Add(e);
        return results;
    }

    /// <summary>The same search as <see cref="SearchAsync(EventQuery, CancellationToken)"/>, streamed; uses the sidecar
    /// indexes of the hourly files where they exist (<see cref="Index.EventSearch"/>).</summary>
    public IAsyncEnumerable<MtaEvent> StreamAsync(EventQuery query, CancellationToken cancellationToken) =>
        Index.EventSearch.StreamAsync(_directory, query, cancellationToken);

    /// <summary>The folder of the hourly files.</summary>
    public string Folder => _directory;

    /// <summary>The UTC hour in a file name events-yyyyMMddHH.jsonl, or null when the name is not in that form.</summary>
    public static DateTimeOffset? HourOf(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return name.Length == "events-".Length + 10
            && DateTime.TryParseExact(name["events-".Length..], "yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var hour)
            ? new DateTimeOffset(hour, TimeSpan.Zero)
            : null;
    }

    private static MtaEvent? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<MtaEvent>(line, Json);
        }
        catch (JsonException)
        {
            return null; // a torn last line while the writer appends
        }
    }

    /// <summary>Completes the queue and waits until every event written so far is flushed to disk.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
