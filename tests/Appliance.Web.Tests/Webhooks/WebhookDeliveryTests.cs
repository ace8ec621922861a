using Appliance.Mta.Events;
using Appliance.Web.Modules.Webhooks.Delivery;
using Microsoft.Extensions.Time.Testing;
using static Appliance.Web.Tests.Webhooks.WebhookTestHost;

namespace Appliance.Web.Tests.Webhooks;

/// <summary>Events reach a loopback receiver: signed, batched, retried after a 500, filtered by type.</summary>
public sealed class WebhookDeliveryTests
{
    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Twenty_five_events_with_batch_size_ten_arrive_as_signed_batches_of_10_10_5()
    {
        var time = NewClock();
        await using var host = await StartAsync(new() { ["BatchSize"] = "10", ["Linger"] = "00:00:30" }, time);
        var (id, secret) = await host.CreateEndpointAsync("default", "Delivery");

        for (var i = 1; i <= 25; i++) host.Emit(MtaEventType.Delivery, "default", $"m{i}");
        await WaitUntilAsync(() => host.Receiver.Received.Count == 2 && host.Dispatcher.BacklogOf(id).Events == 5,
            "two full batches are sent without waiting for the linger");
        Assert.Equal(2, host.Receiver.Received.Count);
        await WaitUntilAsync(() => { time.Advance(TimeSpan.FromSeconds(5)); return host.Receiver.Received.Count == 3; }, "the linger sends the rest");

        var batches = host.Receiver.Received.ToList();
        Assert.Equal([10, 10, 5], batches.Select(b => b.Events.Count));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"m{i}"), host.Receiver.Events.Select(e => e.GetProperty("messageId").GetString()));
        Assert.All(batches, b => Assert.True(WebhookSignature.Verify(secret, b.Signature, b.Body, time.GetUtcNow(), TimeSpan.FromMinutes(5))));
        Assert.All(batches, b => Assert.Equal(id, b.Json.GetProperty("webhookId").GetString()));
        Assert.Equal(0, host.Dispatcher.Backlog);
    }

    [Fact]
    public async Task A_batch_answered_500_is_retried_after_the_backoff_and_then_removed()
    {
        var time = NewClock();
        await using var host = await StartAsync(new() { ["BatchSize"] = "1", ["InitialRetryDelay"] = "00:00:05" }, time);
        var answers = 0;
        host.Receiver.Status = () => Interlocked.Increment(ref answers) == 1 ? 500 : 200;
        var (id, _) = await host.CreateEndpointAsync("default", "Bounce");

        host.Emit(MtaEventType.Bounce, "default", "retry-me");
        await WaitUntilAsync(() => host.Receiver.Received.Count == 1, "the first attempt");
        await WaitUntilAsync(() => { time.Advance(TimeSpan.FromSeconds(1)); return host.Receiver.Received.Count == 2; }, "the retry");
        await WaitUntilAsync(() => host.Dispatcher.BacklogOf(id).Events == 0, "the delivered batch leaves the queue");

        var received = host.Receiver.Received.ToList();
        Assert.Equal([500, 200], received.Select(r => r.AnsweredStatus));
        Assert.All(received, r => Assert.Equal("retry-me", r.Events.Single().GetProperty("messageId").GetString()));
        var log = (await (await host.Admin.GetAsync($"/api/v1/webhooks/{id}/deliveries")).Content.ReadAsStringAsync());
        Assert.Contains("\"attempt\":2", log, StringComparison.Ordinal);
        Assert.Contains("\"statusCode\":500", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_endpoint_receives_only_the_event_types_of_its_filter()
    {
        await using var host = await StartAsync(new() { ["BatchSize"] = "1" }, NewClock());
        var (bouncesOnly, _) = await host.CreateEndpointAsync("default", "Bounce");
        var (deliveriesAndBounces, _) = await host.CreateEndpointAsync("default", "Delivery", "Bounce");

        host.Emit(MtaEventType.Delivery, "default", "d1");
        host.Emit(MtaEventType.Reception, "default", "r1");
        host.Emit(MtaEventType.Bounce, "default", "b1");
        await WaitUntilAsync(() => host.Receiver.Events.Count == 3 && host.Dispatcher.Backlog == 0, "three deliveries");

        Assert.Equal(["b1"], MessagesOf(host, bouncesOnly));
        Assert.Equal(["b1", "d1"], MessagesOf(host, deliveriesAndBounces));
    }

    [Fact]
    public async Task Events_go_only_to_the_endpoints_of_their_tenant()
    {
        await using var host = await StartAsync(new() { ["BatchSize"] = "1" }, NewClock());
        var other = await Monitoring.MonitoringApi.CreateTenantAsync(host.Admin, "Webhook tenant " + Guid.NewGuid().ToString("N")[..6]);
        var (mine, _) = await host.CreateEndpointAsync("default", "Delivery");
        var (theirs, _) = await host.CreateEndpointAsync(other, "Delivery");

        host.Emit(MtaEventType.Delivery, "default", "for-default");
        host.Emit(MtaEventType.Delivery, other, "for-other");
        await WaitUntilAsync(() => host.Receiver.Events.Count == 2 && host.Dispatcher.Backlog == 0, "two deliveries");

        Assert.Equal(["for-default"], MessagesOf(host, mine));
        Assert.Equal(["for-other"], MessagesOf(host, theirs));
    }

    private static List<string?> MessagesOf(WebhookTestHost host, string endpointId) =>
        [.. host.Receiver.Received.Where(r => r.Json.GetProperty("webhookId").GetString() == endpointId)
            .SelectMany(r => r.Events).Select(e => e.GetProperty("messageId").GetString()).Order(StringComparer.Ordinal)];
}
