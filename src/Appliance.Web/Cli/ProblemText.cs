using System.Text.Json;

namespace Appliance.Web.Cli;

/// <summary>An HTTP error as one line: the RFC 9457 problem-details title and detail (and field errors) when present.</summary>
public static class ProblemText
{
    public static string Describe(int status, string? reasonPhrase, string body)
    {
        var text = $"HTTP {status} {reasonPhrase}".TrimEnd();
        if (string.IsNullOrWhiteSpace(body)) return text;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return text;
            var parts = new List<string> { text };
            if (root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String) parts.Add(title.GetString()!);
            if (root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String) parts.Add(detail.GetString()!);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    var messages = field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(m => m.ToString()) : [field.Value.ToString()];
                    parts.Add($"{field.Name}: {string.Join("; ", messages)}");
                }
            }
            return string.Join(": ", parts);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
