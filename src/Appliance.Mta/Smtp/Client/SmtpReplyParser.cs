using System.Text;

namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// Frames and parses SMTP replies (RFC 5321 §4.2) from raw bytes: a reply is one or more lines
/// "ddd-text" ending with "ddd text" (or bare "ddd"). It never blocks: with too few bytes it says so,
/// so replies split across TCP segments are handled by the caller feeding more bytes.
/// </summary>
public static class SmtpReplyParser
{
    /// <summary>Tries to parse one complete reply from the start of <paramref name="buffer"/>.</summary>
    /// <returns>False when more bytes are needed; <paramref name="consumed"/> is then 0.</returns>
    /// <exception cref="SmtpProtocolException">The bytes are not an SMTP reply.</exception>
    public static bool TryParse(ReadOnlySpan<byte> buffer, out SmtpReply? reply, out int consumed)
    {
        reply = null;
        consumed = 0;
        // First pass: find the end of the reply without allocating.
        var offset = 0;
        var lineCount = 0;
        var code = -1;
        while (true)
        {
            var lf = buffer[offset..].IndexOf((byte)'\n');
            if (lf < 0) return false;
            var line = TrimCr(buffer.Slice(offset, lf));
            var lineCode = ParseCode(line);
            // RFC 5321 §4.2.1: every line of a multiline reply carries the same code.
            if (code >= 0 && lineCode != code) throw new SmtpProtocolException($"Multiline reply changed code from {code} to {lineCode}");
            code = lineCode;
            lineCount++;
            offset += lf + 1;
            if (line.Length == 3 || line[3] == (byte)' ') break;
        }
        consumed = offset;
        reply = Build(buffer[..offset], code, lineCount);
        return true;
    }

    private static SmtpReply Build(ReadOnlySpan<byte> block, int code, int lineCount)
    {
        var texts = new string[lineCount];
        EnhancedStatusCode? enhanced = null;
        string? enhancedText = null;
        for (var i = 0; i < lineCount; i++)
        {
            var lf = block.IndexOf((byte)'\n');
            var line = TrimCr(block[..lf]);
            block = block[(lf + 1)..];
            var text = line.Length > 4 ? Encoding.UTF8.GetString(line[4..]) : string.Empty;
            // RFC 2034 §4: the enhanced code leads the text of each line; parse it once, strip it everywhere.
            if (i == 0) enhancedText = ParseEnhanced(text, out enhanced);
            if (enhancedText is not null && text.StartsWith(enhancedText, StringComparison.Ordinal))
                text = text.Length == enhancedText.Length ? string.Empty : text[(enhancedText.Length + 1)..];
            texts[i] = text;
        }
        return new SmtpReply(code, enhanced, texts);
    }

    private static string? ParseEnhanced(string text, out EnhancedStatusCode? enhanced)
    {
        enhanced = null;
        if (text.Length < 5 || text[0] is not ('2' or '4' or '5')) return null;
        var end = text.IndexOf(' ');
        var token = end < 0 ? text : text[..end];
        if (!EnhancedStatusCode.TryParse(token, out var parsed)) return null;
        enhanced = parsed;
        return token;
    }

    private static int ParseCode(ReadOnlySpan<byte> line)
    {
        // RFC 5321 §4.2: Reply-code = %x32-35 %x30-35 %x30-39, then SP or "-" (or nothing).
        if (line.Length < 3 || line[0] is < (byte)'2' or > (byte)'5' || !IsDigit(line[1]) || !IsDigit(line[2])
            || (line.Length > 3 && line[3] is not ((byte)' ' or (byte)'-')))
        {
            throw new SmtpProtocolException($"Malformed reply line: '{Encoding.UTF8.GetString(line[..Math.Min(line.Length, 80)])}'");
        }
        return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
