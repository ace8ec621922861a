using MimeKit;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>
/// The returned original message of a report: a message/rfc822 part (RFC 3464 §2, RFC 5965 §2 (d)), or only its
/// headers as text/rfc822-headers (RFC 6522 §4 / RFC 3462). Exposes its header fields and Message-ID.
/// </summary>
internal static class OriginalMessage
{
    public static (string? MessageId, IReadOnlyList<KeyValuePair<string, string>> Headers) Find(MimeMessage report)
    {
        foreach (var entity in report.BodyParts)
        {
            if (entity is MessagePart { Message: { } inner })
                return (Bracket(inner.MessageId) ?? HeaderValue(inner.Headers, "Message-ID"), [.. inner.Headers.Select(h => new KeyValuePair<string, string>(h.Field, h.Value))]);
            if (entity is MimePart part && (part.ContentType.IsMimeType("text", "rfc822-headers") || part.ContentType.IsMimeType("message", "rfc822-headers")))
            {
                var fields = FieldBlocks.Parse(MimeText.Decode(part)).FirstOrDefault() ?? [];
                return (Bracket(FieldBlocks.Get(fields, "Message-ID")), fields);
            }
        }
        return (null, []);
    }

    private static string? HeaderValue(HeaderList headers, string name) => headers[name] is { Length: > 0 } v ? Bracket(v) : null;

    private static string? Bracket(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        var trimmed = id.Trim().Trim('<', '>');
        return trimmed.Length == 0 ? null : trimmed;
    }
}
