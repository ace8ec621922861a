using Microsoft.AspNetCore.DataProtection;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>Encrypts DKIM private keys at rest with ASP.NET Core Data Protection (keys under {DataDir}/keys).</summary>
public sealed class DkimKeyProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Appliance.Domains.DkimPrivateKey.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string privateKeyPem) => _protector.Protect(privateKeyPem);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring that encrypted it is gone.</exception>
    public string Unprotect(string protectedPem) => _protector.Unprotect(protectedPem);
}
