using System.Text.RegularExpressions;
using MimeKit;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>
/// Is a message without a delivery-status part a bounce? Only when it looks like one from the outside: sent by a
/// mailer daemon or with the null reverse path (RFC 5321 §4.5.5), or with a bounce subject, and not an auto-reply
/// (RFC 3834) or an ordinary message.
/// </summary>
internal static partial class BounceDetection
{
    public static bool LooksLikeBounce(MimeMessage message)
    {
        var subject = message.Subject ?? "";
        var from = string.Join(' ', message.From.Mailboxes.Select(m => m.Address + " " + m.Name));
        var nullSender = message.Headers["Return-Path"]?.Trim() is "<>" or "";
        var daemon = DaemonRegex().IsMatch(from);
        var bounceSubject = SubjectRegex().IsMatch(subject);
        if (message.Headers.Contains("X-Failed-Recipients")) return true;
        if (AutoReplyRegex().IsMatch(subject) && !bounceSubject) return false;
        if (ListRefusal(message, subject)) return true;
        return bounceSubject || (daemon && (nullSender || subject.Length == 0 || FailureWordsRegex().IsMatch(MimeText.HumanText(message))));
    }

    /// <summary>
    /// A mailing-list manager's refusal of a post (fml, Mailman, ezmlm: "You are not a member of this mailing list"):
    /// the list returns the message instead of distributing it, so the list address failed. Sent by the list's admin
    /// address, not a daemon, hence recognised by the list manager's headers and a refusal in subject and text alike.
    /// </summary>
    private static bool ListRefusal(MimeMessage message, string subject) =>
        message.Headers.Any(h => ListManagerHeaderRegex().IsMatch(h.Field)) && ListRefusalRegex().IsMatch(subject)
        && ListRefusalRegex().IsMatch(MimeText.HumanText(message));

    [GeneratedRegex(@"^(X-MLServer|X-ML-Name|X-ML-Info|X-Mailman-Version|Mailing-List|List-Id|List-Post)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ListManagerHeaderRegex();

    [GeneratedRegex(@"\bnot (a )?member\b|\bnon-?members?'? (posts?|submissions?)\b|\bonly members (can|may) post", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ListRefusalRegex();

    [GeneratedRegex(@"mailer-?daemon|post_?master|mail ?delivery|delivery ?subsystem|mail ?administrator|System Administrator|\bMAILER\b|nobody@|noreply-dmarc|bounce", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DaemonRegex();

    [GeneratedRegex(@"undeliver|delivery (status )?(notification|failure|failed|report|problem)|returned mail|returning message|failure notice|mail delivery|non.?delivery|not (be )?delivered|could not (be )?deliver|unable to deliver|delivery error|mail system error|warning: could not send|^bounce|nondeliverable|mail failure|error sending|rejected|Delayed Mail|\bNDN\b|\bDSN\b|message (status|delayed)|failed delivery|mail failed|returning to sender|Unzustellbar|Non remis|不達|エラー|送信エラー", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SubjectRegex();

    [GeneratedRegex(@"\b(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|vacation|away from)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AutoReplyRegex();

    [GeneratedRegex(@"could not be delivered|undeliver|permanent(ly)? (error|fail)|delivery (has )?failed|user unknown|no such user|unable to deliver|failed recipient|following address|no valid recipients|unknown host|failed addresses|no such user|invalid (user|recipient)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FailureWordsRegex();
}
