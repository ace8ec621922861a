using Microsoft.AspNetCore.DataProtection;

namespace Appliance.Web.Security;

/// <summary>
/// Encrypts one kind of secret at rest with ASP.NET Core Data Protection (key ring under {DataDir}/keys); each kind
/// has its own purpose string, so a value protected for one cannot be read as another.
/// </summary>
public abstract class SecretProtector(IDataProtectionProvider provider, string purpose)
{
    private readonly IDataProtector _protector = provider.CreateProtector(purpose);

    public string Protect(string secret) => _protector.Protect(secret);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring that encrypted it is gone, or the value was protected for another purpose.</exception>
    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
