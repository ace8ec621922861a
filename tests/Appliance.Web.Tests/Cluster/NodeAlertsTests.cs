using Appliance.Mta.Events;
using Appliance.Web.Cluster.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Cluster;

/// <summary>The node registry entry's last alerts: the newest Alert events of this node, read once, then kept from the events.</summary>
public sealed class NodeAlertsTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("node-alerts-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow); // the writer prunes files by their real write time

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task WriteAsync(params MtaEvent[] events)
    {
        await using var log = new EventLog(_dir, _time, NullLogger<EventLog>.Instance);
        foreach (var e in events) log.Write(e);
    }

    private MtaEvent Event(MtaEventType type, int second, string detail) =>
        new() { Type = type, Timestamp = _time.GetUtcNow().AddSeconds(-60 + second), Detail = detail };

    [Fact]
    public async Task The_entry_carries_the_five_newest_alerts_newest_first_read_once_then_kept_from_the_events()
    {
        await WriteAsync([
            .. Enumerable.Range(0, 7).Select(i => Event(MtaEventType.Alert, i, $"alert {i}")),
            Event(MtaEventType.Delivery, 30, "not an alert"),
            Event(MtaEventType.AdminAction, 31, "not an alert either")]);
        await using var reader = new EventLog(_dir, _time, NullLogger<EventLog>.Instance);
        var alerts = new NodeAlerts(reader, _time);

        Assert.Empty(alerts.Last); // nothing read yet
        var first = await alerts.GetAsync();
        Assert.Equal(["alert 6", "alert 5", "alert 4", "alert 3", "alert 2"], first.Select(a => a.Detail));
        Assert.Equal(first, alerts.Last);

        // After the first read the event log is not read again: an alert only in the files is not picked up ...
        await WriteAsync(Event(MtaEventType.Alert, 40, "only in the file"));
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Same(first, await alerts.GetAsync());

        // ... while the alerts the engine hands the listener are kept at once; other events are ignored.
        alerts.OnEvent(Event(MtaEventType.Delivery, 50, "not an alert"));
        alerts.OnEvent(Event(MtaEventType.Alert, 45, "alert new"));
        Assert.Equal(["alert new", "alert 6", "alert 5", "alert 4", "alert 3"], (await alerts.GetAsync()).Select(a => a.Detail));
        Assert.Equal(["alert new", "alert 6", "alert 5", "alert 4", "alert 3"], alerts.Last.Select(a => a.Detail));
    }

    [Fact]
    public async Task Alerts_arriving_before_the_first_read_are_merged_without_duplicates()
    {
        await WriteAsync(Event(MtaEventType.Alert, 1, "stored"));
        await using var reader = new EventLog(_dir, _time, NullLogger<EventLog>.Instance);
        var alerts = new NodeAlerts(reader, _time);

        var stored = Event(MtaEventType.Alert, 1, "stored");
        alerts.OnEvent(stored); // the same alert, both written and handed to the listener before the first heartbeat
        alerts.OnEvent(Event(MtaEventType.Alert, 2, "early"));

        Assert.Equal(["early", "stored"], (await alerts.GetAsync()).Select(a => a.Detail));
    }
}
