using System.Text.Json;
using Appliance.Mta.Events;
using Appliance.Mta.Events.Index;
using Appliance.Mta.Inbound;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Suppression;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Inbound;

/// <summary>The VERP lookup against a real event log folder: the recipient's reception, then its delivery (days later).</summary>
public sealed class EventLogOriginalMessageLookupTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Received = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("verp-lookup-").FullName;
    private readonly EventLog _log;
    private readonly SpoolId _id = new(Received.ToUnixTimeMilliseconds() << 20 | 7);

    public EventLogOriginalMessageLookupTests() =>
        _log = new EventLog(_dir, new FakeTimeProvider(Received.AddDays(3)), NullLogger<EventLog>.Instance);

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Finds_the_recipient_by_envelope_position_and_the_source_it_was_delivered_from(bool indexed)
    {
        Append(Received, Event(MtaEventType.Reception, Received, "first@example.com"), Event(MtaEventType.Reception, Received, "second@example.com"));
        var deferred = Received.AddDays(2);
        Append(deferred,
            Event(MtaEventType.Delivery, deferred, "first@example.com") with { EgressSource = "ip-a", EgressIp = "127.0.0.2", Site = "mx.one.example" },
            Event(MtaEventType.Delivery, deferred.AddSeconds(1), "second@example.com") with { EgressSource = "ip-b", EgressIp = "127.0.0.3", Site = "mx.two.example" });

        // Equal timestamps (one reception per recipient): the order must not depend on whether the hour's file is indexed yet.
        if (indexed) Assert.Equal(1, EventSearch.BuildMissingIndexes(_dir));
        var lookup = new EventLogOriginalMessageLookup(_log);
        Assert.Equal("first@example.com", (await lookup.FindAsync(new VerpToken(_id, 0), default))!.Recipient);
        var second = await lookup.FindAsync(new VerpToken(_id, 1), default);
        Assert.Equal(new OriginalRecipient(_id.ToString(), "shop", "news@shop.example", "second@example.com", "<m@shop.example>", "ip-b", "127.0.0.3", "mx.two.example"), second);
        Assert.Null(await lookup.FindAsync(new VerpToken(_id, 2), default));
    }

    [Fact]
    public async Task A_recipient_not_yet_delivered_has_no_source()
    {
        Append(Received, Event(MtaEventType.Reception, Received, "first@example.com"));
        var found = await new EventLogOriginalMessageLookup(_log).FindAsync(new VerpToken(_id, 0), default);
        Assert.Equal(("first@example.com", null, null), (found!.Recipient, found.EgressSource, found.Site));
    }

    private MtaEvent Event(MtaEventType type, DateTimeOffset at, string rcpt) => new()
    {
        Type = type, Timestamp = at, MessageId = _id.ToString(), Tenant = "shop", Sender = "news@shop.example", Recipient = rcpt,
        MessageIdHeader = "<m@shop.example>",
    };

    private void Append(DateTimeOffset hour, params MtaEvent[] events) =>
        File.AppendAllLines(Path.Combine(_dir, $"events-{hour.UtcDateTime:yyyyMMddHH}.jsonl"), events.Select(e => JsonSerializer.Serialize(e, EventLog.Json)));
}
