using Appliance.Web.Services;

namespace Appliance.Web.Tests.Credentials;

/// <summary>
/// Generated SMTP passwords are pasted into command lines (swaks --auth-password, curl, scripts): one that starts with
/// '-' is taken for an option there. A rehearsal's walkthrough test failed on exactly that ("Unknown option: 7mkIJ4...").
/// </summary>
public sealed class GeneratedPasswordTests
{
    [Fact]
    public void Generated_passwords_are_24_base64url_characters_and_never_start_with_a_dash()
    {
        // The old generator started one password in 64 with '-': about 156 of 10,000.
        var passwords = Enumerable.Range(0, 10_000).Select(_ => SmtpCredentialService.GeneratePassword()).ToList();

        Assert.All(passwords, p =>
        {
            Assert.Equal(24, p.Length);
            Assert.Matches("^[A-Za-z0-9_][A-Za-z0-9_-]{23}$", p);
        });
        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
    }
}
