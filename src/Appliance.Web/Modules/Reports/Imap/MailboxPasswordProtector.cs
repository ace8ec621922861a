using Microsoft.AspNetCore.DataProtection;

namespace Appliance.Web.Modules.Reports.Imap;

/// <summary>Encrypts IMAP passwords at rest with ASP.NET Core Data Protection (key ring under {DataDir}/keys).</summary>
public sealed class MailboxPasswordProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Appliance.Reports.ImapPassword.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string password) => _protector.Protect(password);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring that encrypted it is gone.</exception>
    public string Unprotect(string protectedPassword) => _protector.Unprotect(protectedPassword);
}
