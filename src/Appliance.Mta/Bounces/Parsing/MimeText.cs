using System.Text;
using MimeKit;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>Text helpers over MimeKit entities: decoded part bodies, human-readable text outside returned messages.</summary>
internal static class MimeText
{
    /// <summary>The decoded body of a leaf part as text (charset from Content-Type, else UTF-8).</summary>
    public static string Decode(MimeEntity entity)
    {
        switch (entity)
        {
            case TextPart text:
                return text.Text ?? "";
            case MimePart part when part.Content is not null:
                using (var stream = new MemoryStream())
                {
                    part.Content.DecodeTo(stream);
                    return EncodingOf(part.ContentType.Charset).GetString(stream.ToArray());
                }
            default:
                return "";
        }
    }

    private static Encoding EncodingOf(string? charset)
    {
        if (charset is null) return Encoding.UTF8;
        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    /// <summary>
    /// The human-readable text of a message: its text/plain parts (text/html stripped when there is no plain part),
    /// not descending into returned messages (message/rfc822) or machine-readable report parts.
    /// </summary>
    public static string HumanText(MimeMessage message)
    {
        var plain = new StringBuilder();
        var html = new StringBuilder();
        Collect(message.Body, plain, html);
        return plain.Length > 0 ? plain.ToString() : StripHtml(html.ToString());
    }

    private static void Collect(MimeEntity? entity, StringBuilder plain, StringBuilder html)
    {
        switch (entity)
        {
            case Multipart multipart:
                // A boundary that never occurs (mangled by a relay) leaves the whole body in the preamble.
                if (multipart.Count == 0) plain.AppendLine(multipart.Preamble).AppendLine(multipart.Epilogue);
                foreach (var child in multipart) Collect(child, plain, html);
                break;
            case TextPart text when text.IsHtml:
                html.AppendLine(text.Text);
                break;
            case TextPart text when text.ContentType.IsMimeType("text", "plain") || text.ContentType.MediaSubtype.Length == 0:
                plain.AppendLine(text.Text);
                break;
        }
    }

    private static string StripHtml(string html)
    {
        if (html.Length == 0) return "";
        var noTags = System.Text.RegularExpressions.Regex.Replace(html, "<br\\s*/?>|</p>|</div>|</tr>", "\n",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        noTags = System.Text.RegularExpressions.Regex.Replace(noTags, "<[^>]*>", " ", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        return System.Net.WebUtility.HtmlDecode(noTags);
    }
}
