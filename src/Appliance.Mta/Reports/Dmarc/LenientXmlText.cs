using System.Text;
using System.Text.RegularExpressions;

namespace Appliance.Mta.Reports.Dmarc;

/// <summary>
/// Turns report bytes into text an XML reader accepts, repairing what real reporters get wrong: invalid UTF-8
/// (a cp1252 byte in a UTF-8 document becomes U+FFFD), a '&lt;' that starts no tag (an address in angle brackets,
/// "bad&lt;xml.net": '@' and a second '&lt;' are not allowed in a tag, XML 1.0 §3.1) and bare ampersands; both are
/// escaped, the rest of the text is unchanged.
/// </summary>
internal static partial class LenientXmlText
{
    public static string Decode(byte[] data)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(data);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var sb = new StringBuilder(text.Length + 16);
        var regex = TagStart();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<' && !regex.Match(text, i).Success) sb.Append("&lt;");
            else if (c == '&' && !Entity().Match(text, i).Success) sb.Append("&amp;");
            else sb.Append(c);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\G<(?:/?[A-Za-z_][\w.\-]*(?::[\w.\-]+)?(?:\s[^<>]*)?/?>|!--|\?|!\[CDATA\[|!DOCTYPE)", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex TagStart();

    [GeneratedRegex(@"\G&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex Entity();
}
