using System.Globalization;
using MimeKit;
using MimeKit.Utils;

namespace Appliance.Web.Modules.TenantUsers;

/// <summary>The invitation mail: plain text with the one-time link, marked Auto-Submitted (RFC 3834 §5).</summary>
public static class InvitationMail
{
    public static byte[] Compose(string from, string to, string tenantName, string role, string url, DateTimeOffset expiresAt, string host, DateTimeOffset now)
    {
        var text = FormattableString.Invariant(
            $"You have been invited to the mail appliance {host} as {role} of \"{tenantName}\".\r\n\r\nOpen this link to choose your password (it works once, until {expiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC):\r\n\r\n{url}\r\n\r\nIf you did not expect this invitation, ignore this mail.\r\n");
        var message = new MimeMessage
        {
            Subject = string.Create(CultureInfo.InvariantCulture, $"[{host}] Invitation to {tenantName}"),
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
}
