using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Mta.Events;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Monitoring;

/// <summary>Helpers of the monitoring API tests: tenants, keys, events written straight into the log folder.</summary>
public static class MonitoringApi
{
    public static async Task<string> CreateTenantAsync(this HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/tenants", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    public static async Task<string> CreateKeyAsync(this HttpClient admin, string tenant, string role, string name = "key")
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/api-keys", new { name, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("key").GetString()!;
    }

    public static HttpClient WithKey(this ApplianceFactory factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Appends events to the hourly file named after <paramref name="fileHour"/> (default: each event's own hour).</summary>
    public static void WriteEvents(string dataDir, IEnumerable<MtaEvent> events, DateTimeOffset? fileHour = null)
    {
        var dir = Directory.CreateDirectory(Path.Combine(dataDir, "events")).FullName;
        foreach (var e in events)
        {
            var hour = (fileHour ?? e.Timestamp).UtcDateTime;
            File.AppendAllText(Path.Combine(dir, $"events-{hour:yyyyMMddHH}.jsonl"), JsonSerializer.Serialize(e, EventLog.Json) + "\n");
        }
    }

    public static MtaEvent Event(MtaEventType type, string messageId, string tenant, DateTimeOffset at, string recipient = "rcpt@example.net", string sender = "sender@example.com") =>
        new() { Type = type, Timestamp = at, MessageId = messageId, Tenant = tenant, Recipient = recipient, Sender = sender };

    public static async Task<List<JsonElement>> EventsAsync(this HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/events" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync()).GetProperty("events").EnumerateArray()];
    }

    public static async Task<JsonElement> PollAsync(Func<Task<JsonElement?>> probe)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("The condition was not met within 10 s.");
    }
}
