using System.Text.Json;

namespace Appliance.Web.Cli;

/// <summary>Renders the /api/v1/queues summary as plain-text tables (scheduled queues, ready queues, per tenant).</summary>
public static class QueueSummaryTable
{
    private static readonly (string Header, string Property)[] ScheduledColumns =
        [("QUEUE", "name"), ("TENANT", "tenant"), ("CAMPAIGN", "campaign"), ("DOMAIN", "domain"), ("MSGS", "messages"), ("RCPTS", "recipients"), ("NEXT ATTEMPT", "nextAttempt"), ("SUSPENDED", "suspended"), ("LAST RESPONSE", "lastResponse")];

    private static readonly (string Header, string Property)[] ReadyColumns =
        [("QUEUE", "name"), ("SOURCE", "egressSource"), ("SITE", "site"), ("MSGS", "messages"), ("CONNS", "connections"), ("SUSPENDED", "suspended"), ("LAST RESPONSE", "lastResponse")];

    public static void Write(TextWriter output, JsonElement summary)
    {
        output.WriteLine($"Total messages: {Value(summary, "totalMessages")}");
        if (summary.TryGetProperty("messagesByTenant", out var byTenant) && byTenant.ValueKind == JsonValueKind.Object)
        {
            var rows = byTenant.EnumerateObject().Select(p => new[] { p.Name, p.Value.ToString() }).ToList();
            WriteTable(output, "By tenant", ["TENANT", "MSGS"], rows);
        }
        WriteTable(output, "Scheduled queues", ScheduledColumns.Select(c => c.Header).ToArray(), Rows(summary, "scheduled", ScheduledColumns));
        WriteTable(output, "Ready queues", ReadyColumns.Select(c => c.Header).ToArray(), Rows(summary, "ready", ReadyColumns));
    }

    /// <summary>One page of /api/v1/queues/scheduled: the rows and "page P of N (T queues)".</summary>
    public static void WritePage(TextWriter output, JsonElement page)
    {
        var total = page.GetProperty("total").GetInt32();
        var size = Math.Max(1, page.GetProperty("pageSize").GetInt32());
        var number = page.GetProperty("page").GetInt32();
        WriteTable(output, "Scheduled queues", ScheduledColumns.Select(c => c.Header).ToArray(), Rows(page, "items", ScheduledColumns));
        output.WriteLine();
        output.WriteLine($"Page {number + 1} of {Math.Max(1, (total + size - 1) / size)} (--page {number}); {total} queues match.");
    }

    private static List<string[]> Rows(JsonElement summary, string property, (string Header, string Property)[] columns)
    {
        if (!summary.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array) return [];
        return array.EnumerateArray().Select(item => columns.Select(c => Value(item, c.Property)).ToArray()).ToList();
    }

    private static string Value(JsonElement item, string property)
    {
        if (!item.TryGetProperty(property, out var value)) return "";
        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => "-",
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ => value.ToString(),
        };
        // Keep a long SMTP reply from widening the table past a terminal.
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    private static void WriteTable(TextWriter output, string title, string[] headers, List<string[]> rows)
    {
        output.WriteLine();
        output.WriteLine($"{title}:");
        if (rows.Count == 0)
        {
            output.WriteLine("  (none)");
            return;
        }
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine("  " + string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows) output.WriteLine("  " + string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
    }
}
