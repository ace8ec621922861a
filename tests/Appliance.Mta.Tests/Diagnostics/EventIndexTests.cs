using System.Text.Json;
using Appliance.Mta.Events;
using Appliance.Mta.Events.Index;

namespace Appliance.Mta.Tests.Diagnostics;

public sealed class EventIndexTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2030, 1, 2, 3, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("event-index-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string FileFor(DateTimeOffset hour) => Path.Combine(_dir, $"events-{hour.UtcDateTime:yyyyMMddHH}.jsonl");

    private void Append(DateTimeOffset hour, IEnumerable<MtaEvent> events) =>
        File.AppendAllLines(FileFor(hour), events.Select(e => JsonSerializer.Serialize(e, EventLog.Json)));

    private static MtaEvent Event(int i, DateTimeOffset hour) => new()
    {
        Type = i % 3 == 0 ? MtaEventType.Reception : MtaEventType.Delivery,
        Timestamp = hour.AddSeconds(i),
        MessageId = $"{i / 3:x16}",
        Tenant = $"tenant{i % 4}",
        Sender = $"news{i % 5}@Sender{i % 2}.test",
        Recipient = $"user{i}@example{i % 7}.net",
    };

    private async Task<List<MtaEvent>> Search(EventQuery query)
    {
        var list = new List<MtaEvent>();
        await foreach (var e in EventSearch.StreamAsync(_dir, query, CancellationToken.None)) list.Add(e);
        return list;
    }

    public static TheoryData<string> Queries => new() { "messageId", "recipient", "recipientDomain", "sender", "senderDomain", "tenant", "tenantAndSender" };

    private static EventQuery QueryFor(string kind) => kind switch
    {
        "messageId" => new EventQuery { MessageId = $"{40:x16}" },
        "recipient" => new EventQuery { Recipient = "USER77@example0.net" },
        "recipientDomain" => new EventQuery { Recipient = "@example3.net", Limit = 1000 },
        "sender" => new EventQuery { Sender = "news2@sender0.test", Limit = 1000 },
        "senderDomain" => new EventQuery { Sender = "@sender1.test", Limit = 50 },
        "tenant" => new EventQuery { Tenant = "tenant1", Limit = 1000 },
        _ => new EventQuery { Tenant = "tenant2", Sender = "news2@sender0.test", Limit = 1000 },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Indexed_search_finds_exactly_what_a_scan_finds(string kind)
    {
        Append(Hour, Enumerable.Range(0, 300).Select(i => Event(i, Hour)));
        Append(Hour.AddHours(1), Enumerable.Range(300, 300).Select(i => Event(i, Hour.AddHours(1))));
        var query = QueryFor(kind);
        var scanned = await Search(query);

        Assert.Equal(2, EventSearch.BuildMissingIndexes(_dir) + 1); // the newest file is still being written: not indexed
        EventIndexFile.Build(FileFor(Hour.AddHours(1)));
        var indexed = await Search(query);

        Assert.NotEmpty(scanned);
        Assert.Equal(scanned, indexed);
        Assert.All(indexed, e => Assert.True(query.Matches(e)));
    }

    [Fact]
    public async Task Lines_appended_after_the_index_are_still_found_newest_first()
    {
        Append(Hour, Enumerable.Range(0, 30).Select(i => Event(i, Hour)));
        EventIndexFile.Build(FileFor(Hour));
        Append(Hour, [Event(0, Hour) with { Timestamp = Hour.AddMinutes(50), Type = MtaEventType.Bounce }]);

        var found = await Search(new EventQuery { MessageId = $"{0:x16}" });

        Assert.Equal([MtaEventType.Bounce, MtaEventType.Delivery, MtaEventType.Delivery, MtaEventType.Reception], found.Select(e => e.Type));
    }

    [Fact]
    public void The_index_holds_one_entry_per_key_and_lookups_return_line_offsets()
    {
        Append(Hour, Enumerable.Range(0, 9).Select(i => Event(i, Hour)));
        EventIndexFile.Build(FileFor(Hour));

        var hit = EventIndexFile.Lookup(FileFor(Hour), EventIndexKeys.MessageId($"{1:x16}"));

        Assert.NotNull(hit);
        Assert.Equal(3, hit.Value.Offsets.Count);
        Assert.Equal(new FileInfo(FileFor(Hour)).Length, hit.Value.Covered);
        var lines = File.ReadAllLines(FileFor(Hour));
        Assert.Equal(lines[0].Length + 1 + lines[1].Length + 1 + lines[2].Length + 1, hit.Value.Offsets[0]);
        Assert.Null(EventIndexFile.Lookup(FileFor(Hour.AddHours(5)), 1));
    }
}
