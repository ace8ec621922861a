namespace Appliance.Mta.Bounces.Parsing;

/// <summary>
/// Reads the header-style field blocks of a message/delivery-status (RFC 3464 §2.1: per-message fields, a blank line,
/// then one block per recipient) or message/feedback-report (RFC 5965 §3) body. Lenient: folded lines are unfolded
/// (RFC 5322 §2.2.3), names are case-insensitive, lines that are not fields are skipped.
/// </summary>
internal static class FieldBlocks
{
    private static readonly HashSet<string> RecipientFields = new(StringComparer.OrdinalIgnoreCase) { "Final-Recipient", "Original-Recipient" };

    public static List<List<KeyValuePair<string, string>>> Parse(string text)
    {
        var blocks = new List<List<KeyValuePair<string, string>>>();
        var current = new List<KeyValuePair<string, string>>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0) blocks.Add(current);
                current = [];
                continue;
            }
            if (char.IsWhiteSpace(line[0]) && current.Count > 0)
            {
                var last = current[^1];
                current[^1] = new(last.Key, last.Value + " " + line.Trim());
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Any(char.IsWhiteSpace)) continue;
            var name = line[..colon].Trim();
            // RFC 3464 §2.1 separates recipient blocks with a blank line; some MTAs (AOL) omit it. A recipient field that
            // the current block already has starts the next recipient's block.
            if (RecipientFields.Contains(name) && current.Any(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                blocks.Add(current);
                current = [];
            }
            current.Add(new(name, line[(colon + 1)..].Trim()));
        }
        if (current.Count > 0) blocks.Add(current);
        return blocks;
    }

    public static string? Get(IEnumerable<KeyValuePair<string, string>> block, string name) =>
        block.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } v ? v : null;

    /// <summary>"rfc822; user@example.com" → "user@example.com" (RFC 3464 §2.3.2 address-type; value).</summary>
    public static string? StripType(string? value)
    {
        if (value is null) return null;
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        var bare = (semicolon >= 0 ? value[(semicolon + 1)..] : value).Trim().Trim('<', '>', ' ');
        return bare.Length == 0 ? null : bare;
    }
}
