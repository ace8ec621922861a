using System.Globalization;
using MimeKit;
using MimeKit.Utils;

namespace Appliance.Web.Services;

/// <summary>
/// The appliance's own plain-text mail (tenant invitations, quota warnings, alert digests) as an RFC 5322 message with
/// CRLF line ends, a Message-ID of this host and <c>Auto-Submitted: auto-generated</c> (RFC 3834 §5) so that nobody
/// auto-replies to it.
/// </summary>
public static class SystemMail
{
    /// <summary>The message bytes, ready for the queue.</summary>
    public static byte[] Compose(string from, string to, string subject, string text, string host, DateTimeOffset now)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            Date = now,
            MessageId = MimeUtils.GenerateMessageId(host),
            Body = new TextPart("plain") { Text = text },
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        using var stream = new MemoryStream();
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, stream);
        return stream.ToArray();
    }

    /// <summary>"[host] what": the subject prefix every system mail carries.</summary>
    public static string Subject(string host, string what) => string.Create(CultureInfo.InvariantCulture, $"[{host}] {what}");
}
