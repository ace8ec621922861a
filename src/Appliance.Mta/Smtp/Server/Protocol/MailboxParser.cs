using System.Net;
using System.Net.Sockets;

namespace Appliance.Mta.Smtp.Server.Protocol;

/// <summary>
/// Parses RFC 5321 §4.1.2 paths, mailboxes, domains and address literals, with the RFC 6531 §3.3
/// SMTPUTF8 extensions (UTF8-non-ascii in atext, qtext and U-labels). Works on already decoded
/// text; the caller decides whether non-ASCII is allowed.
/// </summary>
internal static class MailboxParser
{
    /// <summary>
    /// Parses "&lt;[A-d-l:]mailbox&gt;" (or "&lt;&gt;" when <paramref name="allowNull"/>) at the start of
    /// <paramref name="s"/>. The address is returned without brackets and without source route
    /// (RFC 5321 §4.1.1.3: source routes are accepted and ignored).
    /// </summary>
    public static AddressParseStatus TryParsePath(ReadOnlySpan<char> s, bool allowNull, out string address, out int consumed)
    {
        address = "";
        consumed = 0;
        if (s.Length < 2 || s[0] != '<') return AddressParseStatus.Syntax;
        var pos = 1;
        if (s[pos] == '>')
        {
            consumed = 2;
            return allowNull ? AddressParseStatus.Ok : AddressParseStatus.Syntax;
        }
        if (s[pos] == '@')
        {
            // A-d-l = At-domain *( "," At-domain ) ":"
            var colon = s.IndexOf(':');
            if (colon < 0) return AddressParseStatus.Syntax;
            foreach (var range in s[pos..colon].Split(','))
            {
                var part = s[pos..colon][range];
                if (part.Length < 2 || part[0] != '@' || !IsDomain(part[1..], allowUnderscore: false)) return AddressParseStatus.Syntax;
            }
            pos = colon + 1;
        }
        var start = pos;
        var status = ParseMailbox(s, ref pos, out var nonAscii);
        if (status != AddressParseStatus.Ok) return status;
        if (pos >= s.Length || s[pos] != '>') return AddressParseStatus.Syntax;
        var mailbox = s[start..pos];
        // RFC 5321 §4.5.3.1.3: path <= 256 octets including the brackets.
        if (System.Text.Encoding.UTF8.GetByteCount(mailbox) + 2 > 256) return AddressParseStatus.Syntax;
        consumed = pos + 1;
        address = mailbox.ToString();
        return nonAscii ? AddressParseStatus.NonAscii : AddressParseStatus.Ok;
    }

    /// <summary>Mailbox = Local-part "@" ( Domain / address-literal ).</summary>
    private static AddressParseStatus ParseMailbox(ReadOnlySpan<char> s, ref int pos, out bool nonAscii)
    {
        nonAscii = false;
        var localStart = pos;
        if (pos < s.Length && s[pos] == '"')
        {
            // Quoted-string = DQUOTE *QcontentSMTP DQUOTE
            pos++;
            while (true)
            {
                if (pos >= s.Length) return AddressParseStatus.Syntax;
                var c = s[pos];
                if (c == '"') { pos++; break; }
                if (c == '\\')
                {
                    // quoted-pairSMTP = %d92 %d32-126
                    if (pos + 1 >= s.Length || s[pos + 1] is < ' ' or > '~') return AddressParseStatus.Syntax;
                    pos += 2;
                    continue;
                }
                if (c > 127) nonAscii = true;
                else if (c is < ' ' or '"' or (char)127) return AddressParseStatus.Syntax; // qtextSMTP %d32-33 / %d35-91 / %d93-126
                pos++;
            }
        }
        else
        {
            // Dot-string = Atom *("." Atom)
            var atomStart = pos;
            while (pos < s.Length)
            {
                var c = s[pos];
                if (c == '.')
                {
                    if (pos == atomStart) return AddressParseStatus.Syntax;
                    atomStart = pos + 1;
                }
                else if (c > 127) nonAscii = true;
                else if (!IsAtext(c)) break;
                pos++;
            }
            if (pos == atomStart) return AddressParseStatus.Syntax; // empty or trailing dot
        }
        // RFC 5321 §4.5.3.1.1: local part <= 64 octets.
        if (System.Text.Encoding.UTF8.GetByteCount(s[localStart..pos]) > 64) return AddressParseStatus.Syntax;
        if (pos >= s.Length || s[pos] != '@') return AddressParseStatus.Syntax;
        pos++;
        var domainStart = pos;
        if (pos < s.Length && s[pos] == '[')
        {
            var close = s[pos..].IndexOf(']');
            if (close < 0 || !IsAddressLiteral(s.Slice(pos, close + 1))) return AddressParseStatus.Syntax;
            pos += close + 1;
            return AddressParseStatus.Ok;
        }
        while (pos < s.Length && s[pos] != '>') pos++;
        var domain = s[domainStart..pos];
        if (!IsDomain(domain, allowUnderscore: false, allowUtf8: true)) return AddressParseStatus.Syntax;
        if (!nonAscii) nonAscii = ContainsNonAscii(domain);
        return AddressParseStatus.Ok;
    }

    /// <summary>RFC 5321 §4.1.2 atext (RFC 5322 §3.2.3).</summary>
    public static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '/' or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~';

    /// <inheritdoc cref="DomainSyntax.IsDomain"/>
    public static bool IsDomain(ReadOnlySpan<char> d, bool allowUnderscore, bool allowUtf8 = false) => DomainSyntax.IsDomain(d, allowUnderscore, allowUtf8);

    /// <summary>address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]".</summary>
    public static bool IsAddressLiteral(ReadOnlySpan<char> s)
    {
        if (s.Length < 3 || s[0] != '[' || s[^1] != ']') return false;
        var inner = s[1..^1];
        if (inner.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
            return IPAddress.TryParse(inner[5..], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        var colon = inner.IndexOf(':');
        if (colon > 0)
        {
            // General-address-literal = Standardized-tag ":" 1*dcontent (dcontent = %d33-90 / %d94-126)
            var tag = inner[..colon];
            if (!IsDomain(tag, allowUnderscore: false) || tag[^1] == '-') return false;
            var content = inner[(colon + 1)..];
            if (content.IsEmpty) return false;
            foreach (var c in content)
                if (c is < '!' or > '~' or '[' or '\\' or ']') return false;
            return true;
        }
        return IsIPv4Literal(inner);
    }

    /// <summary>IPv4-address-literal = Snum 3("." Snum), Snum = 1*3DIGIT 0-255.</summary>
    private static bool IsIPv4Literal(ReadOnlySpan<char> s)
    {
        var parts = 0;
        foreach (var range in s.Split('.'))
        {
            var p = s[range];
            if (p.Length is 0 or > 3) return false;
            foreach (var c in p) if (!char.IsAsciiDigit(c)) return false;
            if (int.Parse(p, provider: System.Globalization.CultureInfo.InvariantCulture) > 255) return false;
            parts++;
        }
        return parts == 4;
    }

    /// <summary>EHLO/HELO argument: Domain / address-literal (RFC 5321 §4.1.1.1).</summary>
    public static bool IsHeloArgument(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && s[0] == '[') return IsAddressLiteral(s);
        // Leniency: '_' is common in Windows host names; accepted as Postfix does.
        // A trailing dot (absolute name) is accepted too.
        if (s.Length > 1 && s[^1] == '.') s = s[..^1];
        return IsDomain(s, allowUnderscore: true, allowUtf8: true);
    }

    public static bool ContainsNonAscii(ReadOnlySpan<char> s) => !System.Text.Ascii.IsValid(s);
}
