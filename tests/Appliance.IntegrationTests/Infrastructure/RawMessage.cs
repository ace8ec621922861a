using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>A message split into raw header fields and raw body bytes, without any normalisation.</summary>
public sealed record RawMessage(IReadOnlyList<HeaderField> Fields, string Body)
{
    /// <summary>Splits at the first empty line (RFC 5322 §2.1); text is Latin-1 so bytes round-trip.</summary>
    public static RawMessage Parse(byte[] data) => Parse(Encoding.Latin1.GetString(data));

    /// <summary>Same, from text.</summary>
    public static RawMessage Parse(string text)
    {
        var end = text.StartsWith("\r\n", StringComparison.Ordinal) ? 0 : text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerText = end < 0 ? text : text[..(end == 0 ? 0 : end + 2)];
        var body = end < 0 ? "" : text[(end == 0 ? 2 : end + 4)..];
        var fields = new List<HeaderField>();
        var lines = headerText.Split("\r\n");
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            if ((line[0] == ' ' || line[0] == '\t') && fields.Count > 0)
            {
                var last = fields[^1];
                fields[^1] = last with { Raw = last.Raw + line + "\r\n" };
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            fields.Add(new HeaderField(colon > 0 ? line[..colon].Trim() : line, line + "\r\n"));
        }

        return new RawMessage(fields, body);
    }

    /// <summary>The first field's unfolded value, or null.</summary>
    public string? Value(string name) =>
        Fields.FirstOrDefault(f => f.Is(name)) is { } f ? f.Raw[(f.Raw.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace("\r\n", "", StringComparison.Ordinal).Trim() : null;
}
