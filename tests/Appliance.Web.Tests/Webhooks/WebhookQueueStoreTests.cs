using Appliance.Web.Modules.Webhooks.Queue;

namespace Appliance.Web.Tests.Webhooks;

public sealed class WebhookQueueStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("webhook-queue-").FullName;

    [Fact]
    public void Appended_events_survive_reopening_and_leave_only_when_removed()
    {
        using (var store = new WebhookQueueStore(_dir))
        {
            store.Append([("a", "{\"n\":1}"), ("a", "{\"n\":2}"), ("b", "{\"n\":3}")]);
        }

        using var reopened = new WebhookQueueStore(_dir);
        var a = reopened.Peek("a", 10);
        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], a.Select(e => e.Payload));
        Assert.Equal(3, reopened.TotalEvents);

        reopened.RemoveThrough("a", a[0].Seq);

        Assert.Equal(["{\"n\":2}"], reopened.Peek("a", 10).Select(e => e.Payload));
        Assert.Equal(new WebhookBacklog(1, 7), reopened.BacklogOf("a"));
        Assert.Equal(2, reopened.TotalEvents);
    }

    [Fact]
    public void Drop_oldest_keeps_the_newest_within_the_event_cap()
    {
        using var store = new WebhookQueueStore(_dir);
        store.Append([.. Enumerable.Range(1, 10).Select(i => ("a", $"{{\"n\":{i}}}"))]);

        var dropped = store.DropOldest("a", maxEvents: 4, maxBytes: long.MaxValue);

        Assert.Equal(6, dropped);
        Assert.Equal(["{\"n\":7}", "{\"n\":8}", "{\"n\":9}", "{\"n\":10}"], store.Peek("a", 10).Select(e => e.Payload));
    }

    [Fact]
    public void Drop_oldest_keeps_the_newest_within_the_byte_cap()
    {
        using var store = new WebhookQueueStore(_dir);
        store.Append([.. Enumerable.Range(0, 10).Select(_ => ("a", new string('x', 100)))]);

        var dropped = store.DropOldest("a", maxEvents: long.MaxValue, maxBytes: 250);

        Assert.Equal(8, dropped);
        Assert.Equal(new WebhookBacklog(2, 200), store.BacklogOf("a"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
