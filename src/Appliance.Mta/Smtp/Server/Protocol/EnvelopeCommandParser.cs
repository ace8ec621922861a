using System.Globalization;

namespace Appliance.Mta.Smtp.Server.Protocol;

/// <summary>
/// Parses the arguments of MAIL and RCPT into typed commands. On failure it returns the exact
/// reply to send; it never throws.
/// </summary>
internal static class EnvelopeCommandParser
{
    /// <summary>Parses "FROM:&lt;path&gt; [params]" (the text after "MAIL ").</summary>
    public static WireReply? TryParseMail(ReadOnlySpan<char> args, long maxMessageSize, out MailCommand? command)
    {
        command = null;
        if (!TryStripPrefix(ref args, "FROM:")) return SmtpReplies.SyntaxError;
        var status = MailboxParser.TryParsePath(args, allowNull: true, out var path, out var consumed);
        if (status == AddressParseStatus.Syntax) return SmtpReplies.BadSenderSyntax;
        var rest = args[consumed..];
        if (!rest.IsEmpty && rest[0] != ' ') return SmtpReplies.BadSenderSyntax;

        long? size = null;
        var body = BodyType.SevenBit;
        var utf8 = false;
        var ret = DsnReturn.Default;
        string? envId = null;
        bool seenSize = false, seenBody = false, seenRet = false, seenEnvId = false, seenAuth = false;
        var reader = new EsmtpParameterReader(rest);
        while (reader.TryNext(out var key, out var value, out var hasValue, out var malformed))
        {
            if (malformed) return SmtpReplies.SyntaxError;
            if (key.Equals("SIZE", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 1870 §3: SIZE=1*20DIGIT
                if (seenSize || !hasValue || value.Length > 20 || !IsDigits(value)) return SmtpReplies.SyntaxError;
                seenSize = true;
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > maxMessageSize)
                    return SmtpReplies.SizeExceeded; // RFC 1870 §6: 552 when the declared size is too big
                size = n;
            }
            else if (key.Equals("BODY", StringComparison.OrdinalIgnoreCase))
            {
                if (seenBody || !hasValue) return SmtpReplies.SyntaxError;
                seenBody = true;
                if (value.Equals("7BIT", StringComparison.OrdinalIgnoreCase)) body = BodyType.SevenBit;
                else if (value.Equals("8BITMIME", StringComparison.OrdinalIgnoreCase)) body = BodyType.EightBitMime; // RFC 6152
                else if (value.Equals("BINARYMIME", StringComparison.OrdinalIgnoreCase)) body = BodyType.BinaryMime; // RFC 3030 §3
                else return SmtpReplies.SyntaxError;
            }
            else if (key.Equals("SMTPUTF8", StringComparison.OrdinalIgnoreCase))
            {
                if (utf8 || hasValue) return SmtpReplies.SyntaxError; // RFC 6531 §3.4: no value
                utf8 = true;
            }
            else if (key.Equals("RET", StringComparison.OrdinalIgnoreCase))
            {
                if (seenRet || !hasValue) return SmtpReplies.SyntaxError;
                seenRet = true;
                if (value.Equals("FULL", StringComparison.OrdinalIgnoreCase)) ret = DsnReturn.Full; // RFC 3461 §4.3
                else if (value.Equals("HDRS", StringComparison.OrdinalIgnoreCase)) ret = DsnReturn.Headers;
                else return SmtpReplies.SyntaxError;
            }
            else if (key.Equals("ENVID", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 3461 §4.4: ENVID=xtext, at most 100 characters.
                if (seenEnvId || !hasValue || value.Length > 100 || !Xtext.TryDecode(value, out var decoded)) return SmtpReplies.SyntaxError;
                seenEnvId = true;
                envId = decoded;
            }
            else if (key.Equals("AUTH", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 4954 §5: AUTH=<mailbox>|<> is accepted; we do not trust it, so it is ignored.
                if (seenAuth || !hasValue) return SmtpReplies.SyntaxError;
                seenAuth = true;
            }
            else
            {
                return SmtpReplies.UnknownParameter; // RFC 5321 §4.1.1.11: 555 for unrecognised parameters
            }
        }
        if (status == AddressParseStatus.NonAscii && !utf8) return SmtpReplies.NonAsciiNeedsSmtpUtf8;
        command = new MailCommand(path, size, body, utf8, ret, envId);
        return null;
    }

    /// <summary>Parses "TO:&lt;path&gt; [params]" (the text after "RCPT ").</summary>
    public static WireReply? TryParseRcpt(ReadOnlySpan<char> args, bool smtpUtf8, out RcptCommand? command)
    {
        command = null;
        if (!TryStripPrefix(ref args, "TO:")) return SmtpReplies.SyntaxError;
        string address;
        int consumed;
        var postmaster = false;
        // RFC 5321 §4.1.1.3: "<Postmaster>" without a domain must be accepted (case-insensitive).
        if (args.StartsWith("<postmaster>", StringComparison.OrdinalIgnoreCase))
        {
            address = "postmaster";
            consumed = 12;
            postmaster = true;
        }
        else
        {
            if (args.StartsWith("<>")) return SmtpReplies.NullRecipient;
            var status = MailboxParser.TryParsePath(args, allowNull: false, out address, out consumed);
            if (status == AddressParseStatus.Syntax) return SmtpReplies.BadRecipientSyntax;
            if (status == AddressParseStatus.NonAscii && !smtpUtf8) return SmtpReplies.NonAsciiNeedsSmtpUtf8;
        }
        var rest = args[consumed..];
        if (!rest.IsEmpty && rest[0] != ' ') return SmtpReplies.BadRecipientSyntax;

        var notify = DsnNotify.Default;
        string? orcpt = null;
        var reader = new EsmtpParameterReader(rest);
        while (reader.TryNext(out var key, out var value, out var hasValue, out var malformed))
        {
            if (malformed) return SmtpReplies.SyntaxError;
            if (key.Equals("NOTIFY", StringComparison.OrdinalIgnoreCase))
            {
                if (notify != DsnNotify.Default || !hasValue || !TryParseNotify(value, out notify)) return SmtpReplies.SyntaxError;
            }
            else if (key.Equals("ORCPT", StringComparison.OrdinalIgnoreCase))
            {
                if (orcpt is not null || !hasValue || !IsValidOrcpt(value)) return SmtpReplies.SyntaxError;
                orcpt = value.ToString();
            }
            else
            {
                return SmtpReplies.UnknownParameter;
            }
        }
        command = new RcptCommand(address, notify, orcpt, postmaster);
        return null;
    }

    /// <summary>RFC 3461 §4.1: "NEVER" or a comma list of SUCCESS, FAILURE, DELAY (no repeats).</summary>
    public static bool TryParseNotify(ReadOnlySpan<char> value, out DsnNotify notify)
    {
        notify = DsnNotify.Default;
        if (value.Equals("NEVER", StringComparison.OrdinalIgnoreCase))
        {
            notify = DsnNotify.Never;
            return true;
        }
        foreach (var range in value.Split(','))
        {
            var item = value[range];
            DsnNotify flag;
            if (item.Equals("SUCCESS", StringComparison.OrdinalIgnoreCase)) flag = DsnNotify.Success;
            else if (item.Equals("FAILURE", StringComparison.OrdinalIgnoreCase)) flag = DsnNotify.Failure;
            else if (item.Equals("DELAY", StringComparison.OrdinalIgnoreCase)) flag = DsnNotify.Delay;
            else return false; // includes NEVER combined with others
            if ((notify & flag) != 0) return false;
            notify |= flag;
        }
        return notify != DsnNotify.Default;
    }

    /// <summary>RFC 3461 §4.2: ORCPT=addr-type ";" xtext; addr-type is an atom (RFC 6533 adds utf-8).</summary>
    public static bool IsValidOrcpt(ReadOnlySpan<char> value)
    {
        var semi = value.IndexOf(';');
        if (semi <= 0 || semi == value.Length - 1) return false;
        foreach (var c in value[..semi])
            if (!MailboxParser.IsAtext(c)) return false;
        // RFC 3461 §4.2: the original recipient is at most 500 characters.
        return value.Length - semi - 1 <= 500 && Xtext.IsValid(value[(semi + 1)..]);
    }

    /// <summary>
    /// Matches "FROM:" / "TO:" case-insensitively. Leniency: a space before the path
    /// ("MAIL FROM: &lt;a@b&gt;") is accepted, as most servers do, although RFC 5321 §4.1.2 has none.
    /// </summary>
    private static bool TryStripPrefix(ref ReadOnlySpan<char> args, string prefix)
    {
        if (!args.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        args = args[prefix.Length..];
        if (!args.IsEmpty && args[0] == ' ') args = args[1..];
        return !args.IsEmpty;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return !s.IsEmpty;
    }
}
