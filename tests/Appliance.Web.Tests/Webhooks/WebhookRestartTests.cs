using Appliance.Mta.Events;
using static Appliance.Web.Tests.Webhooks.WebhookTestHost;

namespace Appliance.Web.Tests.Webhooks;

/// <summary>Queued events survive a restart: a new host on the same data folder delivers them.</summary>
public sealed class WebhookRestartTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("webhook-restart-").FullName;

    [Fact]
    public async Task Events_queued_when_the_host_stops_are_delivered_by_the_next_host()
    {
        var settings = new Dictionary<string, string?> { ["BatchSize"] = "10", ["Linger"] = "00:00:00.050", ["InitialRetryDelay"] = "00:00:00.200" };
        await using var receiver = await LoopbackWebhookReceiver.StartAsync();
        receiver.Status = () => 503;
        string id;
        var first = await StartAsync(settings, dataDir: _dataDir, receiver: receiver);
        try
        {
            (id, _) = await first.CreateEndpointAsync("default", "Delivery");
            for (var i = 1; i <= 3; i++) first.Emit(MtaEventType.Delivery, "default", $"before-restart-{i}");
            await WaitUntilAsync(() => receiver.Received.Sum(r => r.Events.Count) >= 3, "the events are queued and attempted");
        }
        finally
        {
            first.Admin.Dispose();
            first.Factory.Dispose();
        }

        receiver.Status = () => 200;
        await using var second = await StartAsync(settings, dataDir: _dataDir, receiver: receiver);
        await WaitUntilAsync(() => receiver.Received.Any(r => r.AnsweredStatus == 200), "delivery by the second host");

        var delivered = receiver.Received.Where(r => r.AnsweredStatus == 200).SelectMany(r => r.Events).Select(e => e.GetProperty("messageId").GetString());
        Assert.Equal(["before-restart-1", "before-restart-2", "before-restart-3"], delivered);
        Assert.All(receiver.Received, r => Assert.Equal(id, r.Json.GetProperty("webhookId").GetString()));
        await WaitUntilAsync(() => second.Dispatcher.Backlog == 0, "an empty backlog");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
