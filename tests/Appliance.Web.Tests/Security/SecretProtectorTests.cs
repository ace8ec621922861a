using System.Security.Cryptography;
using Appliance.Web.Modules.Domains.Services;
using Appliance.Web.Modules.Reports.Imap;
using Microsoft.AspNetCore.DataProtection;

namespace Appliance.Web.Tests.Security;

public sealed class SecretProtectorTests
{
    [Fact]
    public void Secrets_round_trip_are_not_stored_in_clear_and_do_not_cross_purposes()
    {
        var provider = new EphemeralDataProtectionProvider();
        var dkim = new DkimKeyProtector(provider);
        var imap = new MailboxPasswordProtector(provider);

        var stored = dkim.Protect("-----BEGIN PRIVATE KEY-----secret");
        Assert.DoesNotContain("secret", stored, StringComparison.Ordinal);
        Assert.Equal("-----BEGIN PRIVATE KEY-----secret", dkim.Unprotect(stored));
        Assert.ThrowsAny<CryptographicException>(() => imap.Unprotect(stored));
        Assert.Equal("hunter2", imap.Unprotect(imap.Protect("hunter2")));
    }
}
