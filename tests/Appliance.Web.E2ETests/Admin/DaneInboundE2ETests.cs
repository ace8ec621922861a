using System.Security.Cryptography;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.E2ETests.Monitoring;
using Appliance.Web.Modules.Domains.Contracts;
using Appliance.Web.Modules.Domains.Services;
using Appliance.Web.Services;
using Appliance.Web.Services.TenantLimits;
using Appliance.Web.Services.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Admin;

/// <summary>
/// Issue 21, inbound side, in Chromium against a real dnsmasq publishing a TLSA record for our MX that belongs to
/// another key: the domain page suggests the 3 1 1 record of the listeners' certificate and, after a check, warns that
/// the published one does not match; the Listeners and TLS page shows the record, the rollover steps, and for a pasted
/// next certificate its record and the warning that installing it now would break DANE.
/// </summary>
public sealed class DaneInboundE2ETests
{
    private const string Host = "mta.e2e.example";

    [BrowserFact]
    public async Task Domain_and_certificate_pages_suggest_our_tlsa_record_and_warn_when_the_published_one_does_not_match()
    {
        Assert.True(LoopbackDns.Available, "dnsmasq is required (apt-get install -y dnsmasq-base)");
        // A DANE-EE SHA-256 record of some other key (RFC 6698 §2.1: 03 01 01 + 32 bytes).
        var stale = new string('a', 64);
        await using var dns = await LoopbackDns.StartAsync($"--dns-rr=_25._tcp.{Host},52,030101{stale}");
        using var app = Users.WithAdmin(new()
        {
            ["Appliance:Dns:Servers:0"] = dns.Server,
            ["Appliance:Dns:Timeout"] = "00:00:02",
            ["Appliance:Dkim:RsaBits"] = "1024",
            ["Appliance:Hostname"] = Host,
            ["Appliance:Smtp:Relay"] = $"127.0.0.1:{SmtpSink.FreePort()}",
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tenant = await scope.ServiceProvider.GetRequiredService<TenantService>().CreateAsync("Shop", null, TenantMessageLimits.Unlimited, "test");
            Assert.True(tenant.Succeeded, string.Join(" ", tenant.Messages));
            var domain = await app.Services.GetRequiredService<DomainService>().CreateAsync(tenant.Value!.Id, new CreateDomainRequest("shop.e2e.example", "rsa", null), "test");
            Assert.True(domain.Succeeded, string.Join(" ", domain.Messages));
        }
        var certificates = app.Services.GetRequiredService<ListenerCertificateService>();
        for (var i = 0; i < 120 && certificates.Certificate is null; i++) await Task.Delay(250);
        Assert.NotNull(certificates.Certificate);
        // Computed here, not by the code under test: SHA-256 of the listeners' SubjectPublicKeyInfo.
        var expected = "3 1 1 " + Convert.ToHexStringLower(SHA256.HashData(certificates.Certificate.PublicKey.ExportSubjectPublicKeyInfo()));

        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);

        // The domain page lists the TLSA record for our MX before any check; the check finds the stale one and warns.
        await browser.GotoInteractiveAsync("/domains/shop.e2e.example");
        var tlsaRow = page.Locator("#records-table tr", new() { HasTextString = $"_25._tcp.{Host}" });
        await Assertions.Expect(tlsaRow.Locator(".record-value")).ToHaveTextAsync(expected);
        await Assertions.Expect(page.Locator("#tlsa-warning")).ToHaveCountAsync(0);
        await page.ClickAsync("#check-now");
        await Assertions.Expect(page.Locator("#tlsa-warning")).ToContainTextAsync("do not match the current SMTP certificate's key", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#tlsa-warning")).ToContainTextAsync("3 1 1 " + stale);
        await Assertions.Expect(page.Locator("#checks-table tbody tr", new() { HasTextString = "tlsa" }).Locator(".check-fix")).ToContainTextAsync(expected);
        await browser.ScreenshotAsync("domain-tlsa-mismatch");

        // The certificate page: our record, what DNS publishes, the rollover steps.
        await browser.GotoInteractiveAsync("/listeners");
        await Assertions.Expect(page.Locator("#tlsa-name")).ToHaveTextAsync($"_25._tcp.{Host}");
        await Assertions.Expect(page.Locator("#tlsa-value")).ToHaveTextAsync(expected);
        await Assertions.Expect(page.Locator("#tlsa-published")).ToContainTextAsync("do not match");
        await Assertions.Expect(page.Locator("#tlsa-rollover")).ToContainTextAsync("twice the record's TTL");

        // A next certificate with a new key, pasted before installing: its record, and the warning.
        using var nextKey = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest($"CN={Host}", nextKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var next = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        await page.FillAsync("#certificate-pem textarea", next.ExportCertificatePem());
        var nextRecord = "3 1 1 " + Convert.ToHexStringLower(SHA256.HashData(next.PublicKey.ExportSubjectPublicKeyInfo()));
        await Assertions.Expect(page.Locator("#next-tlsa-value")).ToHaveTextAsync(nextRecord);
        await Assertions.Expect(page.Locator("#next-tlsa")).ToContainTextAsync("installing it now would make DANE senders defer mail");
        await browser.ScreenshotAsync("certificate-tlsa");
        Assert.Empty(browser.Errors);
    }
}
