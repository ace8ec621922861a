using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>Signing secrets: 32 random bytes ("whsec_" + base64url), stored under Data Protection.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Appliance.Webhooks.Secret");

    public static string Generate() => "whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string stored) => _protector.Unprotect(stored);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
