using Appliance.Mta.Events;
using Appliance.Web.Cluster.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Cluster;

/// <summary>The node registry entry's last alerts: the newest Alert events of this node, re-read at most every 5 s.</summary>
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
    public async Task The_entry_carries_the_five_newest_alerts_newest_first_and_refreshes_after_the_interval()
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

        await WriteAsync(Event(MtaEventType.Alert, 40, "alert new"));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Same(first, await alerts.GetAsync()); // within the refresh interval: the cached list, no file read

        _time.Advance(NodeAlerts.RefreshInterval);
        Assert.Equal(["alert new", "alert 6", "alert 5", "alert 4", "alert 3"], (await alerts.GetAsync()).Select(a => a.Detail));
    }
}
