using System.Text.Json;
using Appliance.Mta.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Events;

/// <summary>The background writer of <see cref="EventLog"/>: one JSON line per event, in order, in the file of the event's
/// UTC hour, whatever the batch sizes (the writer reuses one JSON writer and buffers lines across a drained batch).</summary>
public sealed class EventLogWriterTests : IDisposable
{
    // Event times are the events' own; the clock (which prunes by file age) is the real one, so nothing is pruned.
    private static readonly DateTimeOffset Start = new(2030, 5, 6, 7, 58, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("eventlog-writer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_event_is_one_line_in_order_in_the_file_of_its_hour()
    {
        var log = new EventLog(_dir, new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<EventLog>.Instance);
        // 3,000 events over an hour boundary (more than one 60 KiB write of lines), written in bursts.
        const int Count = 3000;
        for (var i = 0; i < Count; i++)
        {
            log.Write(new MtaEvent
            {
                Type = MtaEventType.Delivery,
                Timestamp = Start.AddSeconds(i * 0.1),
                MessageId = $"m{i}",
                Recipient = $"user{i}@example.com",
                Response = "250 2.0.0 Ok \"quoted\" <tag> é",
            });
            if (i % 500 == 0) await Task.Delay(5);
        }
        await log.DisposeAsync();

        var files = Directory.GetFiles(_dir, "events-*.jsonl").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["events-2030050607.jsonl", "events-2030050608.jsonl"], files.Select(Path.GetFileName));
        var next = 0;
        foreach (var file in files)
        {
            var hour = EventLog.HourOf(file)!.Value;
            foreach (var line in await File.ReadAllLinesAsync(file))
            {
                var e = JsonSerializer.Deserialize<MtaEvent>(line, EventLog.Json)!;
                Assert.Equal($"m{next}", e.MessageId);
                Assert.Equal($"user{next}@example.com", e.Recipient);
                Assert.Equal("250 2.0.0 Ok \"quoted\" <tag> é", e.Response);
                Assert.Equal(hour, new DateTimeOffset(e.Timestamp.UtcTicks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero));
                next++;
            }
        }
        Assert.Equal(Count, next);
    }

    [Fact]
    public async Task Events_written_after_a_quiet_spell_are_appended_to_the_same_file()
    {
        await using (var log = new EventLog(_dir, new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<EventLog>.Instance))
        {
            log.Write(new MtaEvent { Type = MtaEventType.Reception, Timestamp = Start, MessageId = "a" });
            await Task.Delay(50);
            log.Write(new MtaEvent { Type = MtaEventType.Delivery, Timestamp = Start.AddSeconds(1), MessageId = "b" });
        }
        await using (var again = new EventLog(_dir, new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<EventLog>.Instance))
            again.Write(new MtaEvent { Type = MtaEventType.Delivery, Timestamp = Start.AddSeconds(2), MessageId = "c" });

        var lines = await File.ReadAllLinesAsync(Path.Combine(_dir, "events-2030050607.jsonl"));
        Assert.Equal(["a", "b", "c"], lines.Select(l => JsonSerializer.Deserialize<MtaEvent>(l, EventLog.Json)!.MessageId));
    }
}
