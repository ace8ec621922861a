using System.Text.RegularExpressions;
using MimeKit;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>
/// Heuristics for non-standard bounces (qmail, Exim, Postfix/Sendmail text, Exchange, Gmail, Yahoo, ...): the failed
/// recipients are the addresses named in the human-readable text before the returned message, other than the bounce's
/// own parties and daemon mailboxes; each one's diagnostic is the text that follows it. Exim's X-Failed-Recipients
/// header, when present, is the authoritative list.
/// </summary>
internal static partial class PlainTextBounceReader
{
    public static List<BouncedRecipient> Read(MimeMessage message, string humanText)
    {
        var text = BeforeReturnedMessage(humanText);
        var excluded = message.From.Mailboxes.Concat(message.To.Mailboxes).Concat(message.Sender is null ? [] : [message.Sender])
            .Concat(message.ReplyTo.Mailboxes).Select(m => m.Address.ToLowerInvariant()).ToHashSet();
        var addresses = new List<string>();
        if (message.Headers["X-Failed-Recipients"] is { Length: > 0 } failed)
            addresses.AddRange(AddressRegex().Matches(failed).Select(m => m.Value));
        else
            foreach (var line in text.Split('\n'))
            {
                if (IgnoredLineRegex().IsMatch(line)) continue;
                // A daemon mailbox (postmaster@) counts only when it heads its line: then it is the failed recipient.
                foreach (Match m in AddressRegex().Matches(line))
                    if (!excluded.Contains(m.Value.ToLowerInvariant()) && (!DaemonLocalPartRegex().IsMatch(m.Value) || StartsWithAddressRegex().IsMatch(line)))
                        addresses.Add(m.Value);
            }
        // Nothing named in the notice: the recipients of the returned original (its To/Cc), as Mailman does.
        if (addresses.Count == 0) addresses.AddRange(OriginalRecipients(message, humanText).Where(a => !excluded.Contains(a.ToLowerInvariant())));
        var recipients = new List<BouncedRecipient>();
        foreach (var address in addresses.Select(a => a.TrimEnd('.')).DistinctBy(a => a.ToLowerInvariant()))
        {
            // A Sendmail transcript names several recipients and hosts: each gets its own status line and remote reply.
            var window = SendmailTranscript.Diagnostic(text, address) ?? WindowAfter(text, address);
            var codeless = StatusText.ReplyCode(window) is null && StatusText.EnhancedCode(window) is null;
            // Without a code, the sentence around the address and the heading of its list carry the reason: fml's "You are
            // not a member of this mailing list <list@...>", X3's "Delivery to the following recipients was aborted after
            // 5.0 hour(s):" above "* a@b".
            if (codeless) window = CollapseWhitespace($"{ListHeading(text, address)} {SentenceBefore(text, address)} {window}");
            // A window without any status code says little when it is short or the notice has a code elsewhere (the reason
            // sits above the address list, MailMarshal's "Could not be delivered because of 550 5.1.1 ...", or above a
            // block of message details, Apache James's "Error message below: 550 - ..." before "RCPT TO: a@b"): use the
            // whole notice.
            var first = text.IndexOf(address, StringComparison.OrdinalIgnoreCase);
            var sparse = codeless && (window.Length < address.Length + 60 || StatusText.EnhancedCode(text) is not null
                || (first > 0 && StatusText.ReplyCode(text[..first]) is not null));
            var diagnostic = sparse ? Cap(CollapseWhitespace(text)) : window;
            var action = DelayRegex().IsMatch(text) && !PermanentRegex().IsMatch(text) ? "delayed" : "failed";
            recipients.Add(new BouncedRecipient(address, StatusText.EnhancedCode(diagnostic), StatusText.ReplyCode(diagnostic), diagnostic, action));
        }
        return recipients;
    }

    /// <summary>
    /// The text about one address: from its first mention to the next blank-line-separated block that names another
    /// address (at most 12 lines), whitespace collapsed.
    /// </summary>
    public static string WindowAfter(string text, string address)
    {
        var start = text.IndexOf(address, StringComparison.OrdinalIgnoreCase);
        if (start < 0) return "";
        var lines = text[start..].Split('\n');
        var taken = new List<string>();
        for (var i = 0; i < lines.Length && taken.Count < 10; i++)
        {
            var line = lines[i];
            if (i > 0 && AddressRegex().Match(line) is { Success: true } other && !other.Value.Equals(address, StringComparison.OrdinalIgnoreCase)
                && StartsWithAddressRegex().IsMatch(line)) break;
            if (line.Trim().Length > 0) taken.Add(line);
        }
        var window = CollapseWhitespace(string.Join(' ', taken));
        // The address alone says nothing: take the block before it too (Sendmail lists addresses under a heading).
        return window.Length <= address.Length + 4 ? "" : window;
    }

    /// <summary>The text before the first mention of the address on its line ("You are not a member of this list &lt;"), or "".</summary>
    private static string SentenceBefore(string text, string address)
    {
        var start = text.IndexOf(address, StringComparison.OrdinalIgnoreCase);
        if (start < 0) return "";
        var lineStart = text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
        var before = text[lineStart..start];
        return before.Any(char.IsLetter) ? before : "";
    }

    /// <summary>
    /// The heading of the list the address is an item of: the nearest non-blank line above it when that line ends with
    /// a colon and the address's line holds nothing but the address (and bullets or brackets); else "".
    /// </summary>
    private static string ListHeading(string text, string address)
    {
        var start = text.IndexOf(address, StringComparison.OrdinalIgnoreCase);
        if (start < 0) return "";
        var lines = text[..start].Split('\n');
        if (lines[^1].Trim(' ', '\t', '*', '-', '<', '"', '\r').Length > 0) return "";
        for (var i = lines.Length - 2; i >= 0 && i >= lines.Length - 4; i--)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            return line.EndsWith(':') ? line : "";
        }
        return "";
    }

    private static IEnumerable<string> OriginalRecipients(MimeMessage message, string humanText)
    {
        if (message.BodyParts.OfType<MessagePart>().FirstOrDefault()?.Message is { } original)
            return original.To.Mailboxes.Concat(original.Cc.Mailboxes).Select(m => m.Address);
        var normalized = humanText.Replace("\r\n", "\n", StringComparison.Ordinal);
        var marker = ReturnedMessageMarkerRegex().Match(normalized);
        if (!marker.Success) return [];
        var to = OriginalToRegex().Match(normalized[marker.Index..]);
        return to.Success ? AddressRegex().Matches(to.Groups[1].Value).Select(m => m.Value) : [];
    }

    private static string BeforeReturnedMessage(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var m = ReturnedMessageMarkerRegex().Match(normalized);
        return m.Success ? normalized[..m.Index] : normalized;
    }

    private static string Cap(string s) => s.Length <= 1000 ? s : s[..1000];

    private static string CollapseWhitespace(string s) => WhitespaceRegex().Replace(s, " ").Trim();

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9._%+\-=/'!#$&*?^`{|}~]*@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AddressRegex();

    [GeneratedRegex(@"^\s*(>>>\s*)?([245]\d\d[ \-]\s*)?(<|""|Recipient:|To:|RCPT TO:\s*<?|Original-Recipient:|Final-Recipient:)?\s*[A-Za-z0-9._%+\-=/'!#$&*?^`{|}~]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex StartsWithAddressRegex();

    [GeneratedRegex(@"^(mailer-?daemon|postmaster|root|noreply|no-reply|abuse|bounces?|MAILER_DAEMON)(\+[^@]*)?@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DaemonLocalPartRegex();

    [GeneratedRegex(@"message-id|in-reply-to|references:|^\s*(from|sender|return-path|reply-to|errors-to)\s*:|MAIL FROM|envelope-from|smtp\.mailfrom|please (contact|send|write)|send (mail|email|a message) to|contact .*(postmaster|administrator|helpdesk)|for (more )?(information|assistance)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IgnoredLineRegex();

    [GeneratedRegex(@"^[ \t>|]*(-{2,}\s*)?(-+ ?)?(This is a copy of|Below this line is a copy|Original message(?! was received)|Message text follows|Original Message:|The original message (follows|is (attached|included|below)|headers? follow)|Undelivered Message|Returned message|Your message reads|Forwarded message|Unsent Message below|Text of the original message|Message header follows|Headers? of (the )?(original )?message|Der urspr|Message original|The text you sent follows|-+ ?(Original|Returned|Message|Transcript of)? ?(message )?(follows|headers? follow))|^[ \t]*(Return-Path|Received):\s", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReturnedMessageMarkerRegex();

    [GeneratedRegex(@"^\s*(?:To|RCPT TO|Cc):\s*(.+)$", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex OriginalToRegex();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex(@"delayed|will (be )?(retr|try again)|not yet been delivered|still trying|warning:? (message )?(delivery|could not)|temporary failure|will continue to|will keep trying", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DelayRegex();

    [GeneratedRegex(@"permanent|fatal|giving up|not going to try again|failed permanently|has been (rejected|bounced)|could not be delivered", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PermanentRegex();
}
