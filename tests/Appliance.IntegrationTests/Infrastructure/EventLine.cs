using System.Text.Json;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>One JSON event line from DataDir/events, reduced to the fields the scenarios check.</summary>
public sealed record EventLine(string Type, string? Recipient, string? Sender, string? MessageId, string Raw)
{
    /// <summary>Parses a line; property names are matched case-insensitively. Null when it is not an event.</summary>
    public static EventLine? TryParse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            string? Get(string name) => doc.RootElement.EnumerateObject()
                .FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String or JsonValueKind.Number } p
                ? p.Value.ToString()
                : null;
            return Get("type") is { } type ? new EventLine(type, Get("recipient"), Get("sender"), Get("messageId"), line) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Any other string field of the line (case-insensitive name), e.g. "egressSource"; null when absent.</summary>
    public string? Field(string name)
    {
        using var doc = JsonDocument.Parse(Raw);
        return doc.RootElement.EnumerateObject().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is
            { Value.ValueKind: JsonValueKind.String } p ? p.Value.GetString() : null;
    }

    /// <summary>True for this type (case-insensitive) and recipient.</summary>
    public bool Is(string type, string recipient) =>
        Type.Equals(type, StringComparison.OrdinalIgnoreCase) && string.Equals(Recipient, recipient, StringComparison.OrdinalIgnoreCase);
}
