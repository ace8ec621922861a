using Appliance.Web.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>Encrypts DKIM private keys (PEM) at rest.</summary>
public sealed class DkimKeyProtector(IDataProtectionProvider provider) : SecretProtector(provider, Purpose)
{
    public const string Purpose = "Appliance.Domains.DkimPrivateKey.v1";
}
