using Appliance.Web.Services.Tls;

namespace Appliance.Web.Tests.Tls;

public sealed class PemCertificateValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Valid_pair_is_accepted_with_its_key_and_described(bool ecdsa)
    {
        var (cert, key) = TestPem.Create("mail.example.com", Now.AddDays(-1), Now.AddDays(20), ecdsa);

        var result = PemCertificateValidator.Validate(cert, key, Now);

        Assert.True(result.Succeeded, string.Join("; ", result.Messages));
        Assert.True(result.Value!.HasPrivateKey);
        var info = PemCertificateValidator.Describe(result.Value, Now);
        Assert.Equal("CN=mail.example.com", info.Subject);
        Assert.Equal(["mail.example.com", "smtp.mail.example.com"], info.SubjectAlternativeNames);
        Assert.True(info.SelfSigned);
        Assert.Equal(20, info.DaysLeft);
        Assert.True(info.ExpiresSoon);
    }

    [Fact]
    public void Key_of_another_certificate_is_refused_as_not_matching()
    {
        var (cert, _) = TestPem.Create("a.example.com", Now.AddDays(-1), Now.AddDays(90));
        var (_, otherKey) = TestPem.Create("b.example.com", Now.AddDays(-1), Now.AddDays(90));

        var result = PemCertificateValidator.Validate(cert, otherKey, Now);

        Assert.False(result.Succeeded);
        Assert.Contains("does not match", Assert.Single(result.Errors["key"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Expired_and_not_yet_valid_certificates_are_refused_with_the_date()
    {
        var (expired, expiredKey) = TestPem.Create("old.example.com", Now.AddDays(-100), Now.AddDays(-1));
        var (future, futureKey) = TestPem.Create("new.example.com", Now.AddDays(2), Now.AddDays(100));

        var old = PemCertificateValidator.Validate(expired, expiredKey, Now);
        var early = PemCertificateValidator.Validate(future, futureKey, Now);

        Assert.Contains("expired on 2026-11-29", Assert.Single(old.Errors["certificate"]), StringComparison.Ordinal);
        Assert.Contains("not valid before 2026-12-02", Assert.Single(early.Errors["certificate"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "KEY", "certificate")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "certificate")]
    [InlineData("CERT", "", "certificate")]
    public void Garbage_is_refused_naming_the_field(string cert, string key, string field)
    {
        var result = PemCertificateValidator.Validate(cert, key, Now);

        Assert.False(result.Succeeded);
        Assert.True(result.Errors.ContainsKey(field));
    }

    [Fact]
    public void Unparsable_and_encrypted_keys_are_refused_as_key_errors()
    {
        var (cert, _) = TestPem.Create("a.example.com", Now.AddDays(-1), Now.AddDays(90));

        var garbage = PemCertificateValidator.Validate(cert, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", Now);
        var encrypted = PemCertificateValidator.Validate(cert, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----", Now);

        Assert.Contains("does not parse", Assert.Single(garbage.Errors["key"]), StringComparison.Ordinal);
        Assert.Contains("encrypted", Assert.Single(encrypted.Errors["key"]), StringComparison.Ordinal);
    }
}
