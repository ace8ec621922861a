using System.Globalization;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.TenantUsers;

/// <summary>The invitation mail: plain text with the one-time link, marked Auto-Submitted (RFC 3834 §5).</summary>
public static class InvitationMail
{
    public static byte[] Compose(string from, string to, string tenantName, string role, string url, DateTimeOffset expiresAt, string host, DateTimeOffset now)
    {
        var text = FormattableString.Invariant(
            $"You have been invited to the mail appliance {host} as {role} of \"{tenantName}\".\r\n\r\nOpen this link to choose your password (it works once, until {expiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC):\r\n\r\n{url}\r\n\r\nIf you did not expect this invitation, ignore this mail.\r\n");
        return SystemMail.Compose(from, to, SystemMail.Subject(host, $"Invitation to {tenantName}"), text, host, now);
    }
}
