using System.Text;
using MimeKit;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>Text helpers over MimeKit entities: decoded part bodies, human-readable text outside returned messages.</summary>
internal static class MimeText
{
    // Bounces come in any charset MimeKit can name (ISO-2022-JP from Lotus Notes, Shift_JIS, EUC-KR, windows-125x);
    // .NET knows those only once the code-page provider is registered (idempotent, process-wide).
    private static readonly EncodingProvider CodePages = RegisterCodePages();

    private static EncodingProvider RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return CodePagesEncodingProvider.Instance;
    }

    /// <summary>A text part's content decoded in its declared charset (RFC 2046 §4.1.2), resolved here rather than by
    /// MimeKit's cache so that code-page charsets work; MimeKit's own choice when the charset is unknown or absent.</summary>
    public static string TextOf(TextPart text)
    {
        if (text.ContentType.Charset is { Length: > 0 } charset && KnownEncoding(charset) is { } encoding)
        {
            try
            {
                return text.GetText(encoding);
            }
            catch (DecoderFallbackException)
            {
                // Fall through to MimeKit's lenient decoding.
            }
        }
        return text.Text ?? "";
    }

    private static Encoding? KnownEncoding(string charset)
    {
        try
        {
            return CodePages.GetEncoding(charset) ?? Encoding.GetEncoding(charset);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // .NET 5+ refuses UTF-7 (SYSLIB0001); MimeKit decodes it itself.
            return null;
        }
    }

    /// <summary>The decoded body of a leaf part as text (charset from Content-Type, else UTF-8).</summary>
    public static string Decode(MimeEntity entity)
    {
        switch (entity)
        {
            case TextPart text:
                return TextOf(text);
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
        return charset is null ? Encoding.UTF8 : KnownEncoding(charset) ?? Encoding.UTF8;
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
                html.AppendLine(TextOf(text));
                break;
            case TextPart text when text.ContentType.IsMimeType("text", "plain") || text.ContentType.MediaSubtype.Length == 0:
                plain.AppendLine(TextOf(text));
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
