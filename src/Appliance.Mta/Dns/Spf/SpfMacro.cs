using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Mta.Dns.Spf;

/// <summary>Macro syntax check and expansion (RFC 7208 §7).</summary>
public static class SpfMacro
{
    private const string Delimiters = ".-+,/_=";

    /// <summary>
    /// Checks a macro-string (or explain-string when <paramref name="explain"/>): every '%' starts a valid
    /// macro-expand, literals are visible ASCII, and c/r/t appear only in explanations (§7.1).
    /// </summary>
    public static string? Validate(string text, bool explain)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '%')
            {
                if (i + 1 >= text.Length) return "'%' at the end of a macro string";
                var next = text[i + 1];
                if (next is '%' or '_' or '-') { i++; continue; }
                if (next != '{') return $"invalid macro '%{next}'";
                var close = text.IndexOf('}', i + 2);
                if (close < 0) return "unterminated macro '%{'";
                var error = ValidateBody(text[(i + 2)..close], explain);
                if (error is not null) return error;
                i = close;
                continue;
            }
            if (ch == ' ' && explain) continue;
            if (ch < 0x21 || ch > 0x7E) return $"invalid character U+{(int)ch:X4} in macro string";
        }
        return null;
    }

    private static string? ValidateBody(string body, bool explain)
    {
        if (body.Length == 0) return "empty macro '%{}'";
        var letter = char.ToLowerInvariant(body[0]);
        if ("slodiphv".IndexOf(letter, StringComparison.Ordinal) < 0 && !(explain && "crt".IndexOf(letter, StringComparison.Ordinal) >= 0))
            return $"invalid macro letter '{body[0]}'";
        var i = 1;
        var digitsStart = i;
        while (i < body.Length && char.IsAsciiDigit(body[i])) i++;
        // §7.1: a DIGIT transformer must be non-zero.
        if (i > digitsStart && int.Parse(body[digitsStart..i], CultureInfo.InvariantCulture) == 0) return "macro transformer 0";
        if (i < body.Length && (body[i] is 'r' or 'R')) i++;
        for (; i < body.Length; i++)
        {
            if (Delimiters.IndexOf(body[i], StringComparison.Ordinal) < 0) return $"invalid macro delimiter '{body[i]}'";
        }
        return null;
    }

    /// <summary>
    /// A domain-spec is a macro-string ending in "." toplabel [ "." ] or in a macro-expand (RFC 7208 §7.1, §4.6.1).
    /// </summary>
    public static string? ValidateDomainSpec(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Length == 0) return "empty domain-spec";
        var error = Validate(spec, explain: false);
        if (error is not null) return error;
        if (spec.EndsWith('}') || spec.EndsWith("%%", StringComparison.Ordinal) || spec.EndsWith("%_", StringComparison.Ordinal) || spec.EndsWith("%-", StringComparison.Ordinal))
            return null;
        var trimmed = spec.EndsWith('.') ? spec[..^1] : spec;
        var dot = trimmed.LastIndexOf('.');
        if (dot < 0) return $"domain-spec '{spec}' has no top label";
        var top = trimmed[(dot + 1)..];
        return IsTopLabel(top) ? null : $"invalid top label '{top}' in '{spec}'";
    }

    /// <summary>toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ) (RFC 7208 §7.1).</summary>
    private static bool IsTopLabel(string label)
    {
        if (label.Length == 0 || label.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')) return false;
        if (label.Contains('-')) return label[0] != '-' && label[^1] != '-';
        return label.Any(char.IsAsciiLetter);
    }

    /// <summary>Expands a validated macro-string / explain-string.</summary>
    public static string Expand(string text, SpfMacroContext context, bool explain)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch != '%') { sb.Append(ch); continue; }
            var next = text[i + 1];
            switch (next)
            {
                case '%': sb.Append('%'); i++; continue;
                case '_': sb.Append(' '); i++; continue;
                case '-': sb.Append("%20"); i++; continue;
            }
            var close = text.IndexOf('}', i + 2);
            sb.Append(ExpandOne(text[(i + 2)..close], context, explain));
            i = close;
        }
        return sb.ToString();
    }

    private static string ExpandOne(string body, SpfMacroContext ctx, bool explain)
    {
        var letter = body[0];
        var value = char.ToLowerInvariant(letter) switch
        {
            's' => ctx.Sender,
            'l' => ctx.LocalPart,
            'o' => ctx.SenderDomain,
            'd' => ctx.Domain,
            'i' => DottedIp(ctx),
            'p' => ctx.ValidatedName,
            'v' => ctx.Ip.AddressFamily == AddressFamily.InterNetworkV6 ? "ip6" : "in-addr",
            'h' => ctx.Helo,
            'c' when explain => ctx.Ip.ToString(),
            'r' when explain => ctx.ReceivingHost,
            't' when explain => ctx.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            _ => string.Empty,
        };
        var i = 1;
        var digitsStart = i;
        while (i < body.Length && char.IsAsciiDigit(body[i])) i++;
        var keep = i > digitsStart ? int.Parse(body[digitsStart..i], CultureInfo.InvariantCulture) : int.MaxValue;
        var reverse = i < body.Length && (body[i] is 'r' or 'R');
        if (reverse) i++;
        var delimiters = i < body.Length ? body[i..].ToCharArray() : ['.'];
        // §7.3: split on the delimiters, optionally reverse, keep the right-most parts, join with ".".
        var parts = value.Split(delimiters);
        if (reverse) Array.Reverse(parts);
        if (keep < parts.Length) parts = parts[^keep..];
        var result = string.Join('.', parts);
        // §7.3: upper-case letters are URL-escaped.
        return char.IsUpper(letter) ? Uri.EscapeDataString(result) : result;
    }

    private static string DottedIp(SpfMacroContext ctx)
    {
        if (ctx.Ip.AddressFamily != AddressFamily.InterNetworkV6) return ctx.Ip.ToString();
        var hex = Convert.ToHexString(ctx.Ip.GetAddressBytes()).ToLowerInvariant();
        return string.Join('.', hex.ToCharArray());
    }
}
