using System.Text.Json;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>GET /api/v1/queues, reduced to what the scenarios assert on; <see cref="Raw"/> keeps the rest.</summary>
public sealed record QueueSnapshot(int TotalMessages, IReadOnlyDictionary<string, int> MessagesByTenant, string Raw)
{
    /// <summary>Parses the API's JSON (camelCase).</summary>
    public static QueueSnapshot Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var byTenant = new Dictionary<string, int>();
        if (root.TryGetProperty("messagesByTenant", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in t.EnumerateObject())
            {
                byTenant[p.Name] = p.Value.GetInt32();
            }
        }

        return new QueueSnapshot(root.GetProperty("totalMessages").GetInt32(), byTenant, json);
    }
}
