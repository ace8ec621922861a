using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Mta.Events;
using Microsoft.Extensions.Time.Testing;
using static Appliance.Web.Tests.Webhooks.WebhookTestHost;

namespace Appliance.Web.Tests.Webhooks;

/// <summary>An endpoint failing for the whole failure period is disabled with an Alert; the backlog is capped.</summary>
public sealed class WebhookFailureTests
{
    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2031, 3, 2, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task An_endpoint_failing_for_the_failure_period_is_disabled_with_an_alert_and_can_be_re_enabled()
    {
        var time = NewClock();
        await using var host = await StartAsync(new()
        {
            ["BatchSize"] = "1", ["FailurePeriod"] = "01:00:00", ["InitialRetryDelay"] = "00:00:05", ["MaxRetryDelay"] = "00:05:00",
        }, time);
        host.Receiver.Status = () => 500;
        var (id, _) = await host.CreateEndpointAsync("default", "Delivery");

        host.Emit(MtaEventType.Delivery, "default", "never-accepted");
        await WaitUntilAsync(() => host.Receiver.Received.Count == 1, "the first failed attempt");
        var first = await host.GetEndpointAsync(id);
        Assert.True(first.GetProperty("enabled").GetBoolean());
        await WaitUntilAsync(async () =>
        {
            time.Advance(TimeSpan.FromMinutes(2));
            return !(await host.GetEndpointAsync(id)).GetProperty("enabled").GetBoolean();
        }, "the endpoint is disabled");

        var disabled = await host.GetEndpointAsync(id);
        var failingSince = disabled.GetProperty("failingSince").GetDateTimeOffset();
        var disabledAt = disabled.GetProperty("disabledAt").GetDateTimeOffset();
        Assert.InRange(disabledAt - failingSince, TimeSpan.FromHours(1), TimeSpan.FromHours(1.2));
        Assert.Contains(host.Recorder.Events, e => e.Type == MtaEventType.Alert && e.Tenant == "default" && e.Detail!.Contains(id, StringComparison.Ordinal));
        Assert.Equal(1, host.Dispatcher.BacklogOf(id).Events);

        // A disabled endpoint queues no new events; its backlog is kept.
        host.Emit(MtaEventType.Delivery, "default", "while-disabled");
        await WaitUntilAsync(() => host.Dispatcher.Backlog == 1, "the new event is not queued");
        Assert.Equal(1, host.Dispatcher.BacklogOf(id).Events);

        // Re-enabled by the admin once the receiver is fixed: the kept backlog is delivered.
        host.Receiver.Status = () => 200;
        var put = await host.Admin.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { url = host.Receiver.Url, eventTypes = new[] { "Delivery" }, enabled = true });
        put.EnsureSuccessStatusCode();
        await WaitUntilAsync(() => { time.Advance(TimeSpan.FromSeconds(1)); return host.Receiver.Received.Any(r => r.AnsweredStatus == 200); }, "delivery after re-enabling");
        var healthy = await host.GetEndpointAsync(id);
        Assert.Equal(JsonValueKind.Null, healthy.GetProperty("disabledAt").ValueKind);
        await WaitUntilAsync(() => host.Dispatcher.BacklogOf(id).Events == 0, "the backlog is empty");
    }

    [Fact]
    public async Task The_backlog_cap_drops_the_oldest_events_counts_them_and_raises_an_alert()
    {
        var time = NewClock();
        await using var host = await StartAsync(new() { ["BatchSize"] = "100", ["Linger"] = "01:00:00", ["MaxBacklogEvents"] = "5" }, time);
        var (id, _) = await host.CreateEndpointAsync("default", "Delivery");

        for (var i = 1; i <= 12; i++) host.Emit(MtaEventType.Delivery, "default", $"m{i}");
        await WaitUntilAsync(async () => (await host.GetEndpointAsync(id)).GetProperty("droppedEvents").GetInt64() == 7, "seven events are dropped");

        Assert.Equal(5, host.Dispatcher.BacklogOf(id).Events);
        await WaitUntilAsync(() => host.Dispatcher.Backlog == 5, "the whole backlog is the five kept events (the alert is not for this endpoint)");
        Assert.True(host.Dispatcher.DroppedEvents >= 7);
        await WaitUntilAsync(() => host.Recorder.Events.Any(e => e.Type == MtaEventType.Alert && e.Detail!.Contains("backlog cap", StringComparison.Ordinal)), "the cap alert");
        await WaitUntilAsync(() => { time.Advance(TimeSpan.FromMinutes(10)); return host.Receiver.Received.Count == 1; }, "the kept events are sent");
        Assert.Equal(["m8", "m9", "m10", "m11", "m12"], host.Receiver.Events.Select(e => e.GetProperty("messageId").GetString()));
    }
}
