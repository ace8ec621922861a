using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>
/// The JSON body of a webhook POST:
/// <c>{"webhookId":"…","batchId":"…","sentAt":"…","test":false,"events":[&lt;event&gt;, …]}</c>, where each event is
/// the event log's JSON line (camelCase, enums as names, null fields left out). The events are copied verbatim
/// from the queue, never re-serialised. batchId is stable across the retries of a batch only while the batch
/// does not grow; receivers de-duplicate on the events' (type, timestamp, messageId, recipient).
/// </summary>
public static class WebhookPayload
{
    public static byte[] Compose(string webhookId, string batchId, DateTimeOffset sentAt, bool test, IEnumerable<string> events)
    {
        var sb = new StringBuilder(256);
        sb.Append("{\"webhookId\":").Append(JsonSerializer.Serialize(webhookId))
            .Append(",\"batchId\":").Append(JsonSerializer.Serialize(batchId))
            .Append(",\"sentAt\":\"").Append(sentAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append('"')
            .Append(",\"test\":").Append(test ? "true" : "false")
            .Append(",\"events\":[");
        var first = true;
        foreach (var e in events)
        {
            if (!first) sb.Append(',');
            sb.Append(e);
            first = false;
        }
        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
