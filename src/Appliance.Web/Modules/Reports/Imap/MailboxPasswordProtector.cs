using Appliance.Web.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Appliance.Web.Modules.Reports.Imap;

/// <summary>Encrypts IMAP passwords of report mailboxes at rest.</summary>
public sealed class MailboxPasswordProtector(IDataProtectionProvider provider) : SecretProtector(provider, Purpose)
{
    public const string Purpose = "Appliance.Reports.ImapPassword.v1";
}
