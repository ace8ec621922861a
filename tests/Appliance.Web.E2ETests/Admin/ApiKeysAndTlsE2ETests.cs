using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Admin;

/// <summary>The Tenants page's API keys panel and limits, and the Listeners and TLS page's certificate upload.</summary>
public sealed class ApiKeysAndTlsE2ETests
{
    [BrowserFact]
    public async Task Admin_creates_an_api_key_shown_once_that_works_until_revoked_and_sets_limits()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/tenants");
        var page = browser.Page;
        var row = page.Locator("#tenants-table tr", new PageLocatorOptions { HasText = "default" });
        await row.Locator(".manage-tenant").ClickAsync();
        await Assertions.Expect(page.Locator("#no-api-keys")).ToBeVisibleAsync();

        // An empty name is refused with a message.
        await page.ClickAsync("#create-api-key");
        await Assertions.Expect(page.Locator("#api-keys-panel .form-error")).ToContainTextAsync("The name is required.");

        await page.FillAsync("#api-key-name input", "billing-app");
        await page.ClickAsync("#create-api-key");
        var shown = page.Locator("#generated-api-key");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var key = (await shown.TextContentAsync())!.Trim();
        await Assertions.Expect(page.Locator("#api-keys-table")).ToContainTextAsync("billing-app");
        await Assertions.Expect(page.Locator("#api-keys-table .api-key-prefix")).ToContainTextAsync(key[..8]);
        await browser.ScreenshotAsync("tenant-api-keys");

        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/tenants/default")).StatusCode);

        // Shown once: gone after coming back; only the hash is stored.
        await browser.GotoInteractiveAsync("/tenants");
        await page.Locator("#tenants-table tr", new PageLocatorOptions { HasText = "default" }).Locator(".manage-tenant").ClickAsync();
        await Assertions.Expect(page.Locator("#api-keys-table")).ToContainTextAsync("billing-app");
        Assert.Equal(0, await page.Locator("#generated-api-key").CountAsync());
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.ApiKeys.SingleAsync(k => k.Name == "billing-app");
            Assert.DoesNotContain(key, stored.Hash, StringComparison.Ordinal);
            Assert.Contains(await db.AuditLog.ToListAsync(), a => a.Action == "api-key.create" && !a.After!.Contains(key, StringComparison.Ordinal));
        }

        await page.Locator("#api-keys-table .revoke-api-key").First.ClickAsync();
        await Assertions.Expect(page.Locator("#no-api-keys")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/tenants/default")).StatusCode);
        await using (var db = app.CreateDbContext())
        {
            Assert.Contains(await db.AuditLog.ToListAsync(), a => a.Action == "api-key.delete");
        }

        // Limits: a daily limit below the hourly one is refused; a valid pair is saved and shown.
        await page.Locator("#tenants-table tr", new PageLocatorOptions { HasText = "default" }).Locator(".edit-tenant").ClickAsync();
        await page.FillAsync("#tenant-hourly-limit input", "50");
        await page.FillAsync("#tenant-daily-limit input", "10");
        await page.ClickAsync("#save-tenant");
        await Assertions.Expect(page.Locator("#tenant-form .form-error")).ToContainTextAsync("cannot be above the daily limit");
        await page.FillAsync("#tenant-daily-limit input", "500");
        await page.ClickAsync("#save-tenant");
        var saved = page.Locator("#tenants-table tr", new PageLocatorOptions { HasText = "default" });
        await Assertions.Expect(saved.Locator(".tenant-hour-usage")).ToHaveTextAsync("0 / 50");
        await Assertions.Expect(saved.Locator(".tenant-day-usage")).ToHaveTextAsync("0 / 500");
        Assert.Empty(browser.Errors);
    }

    [BrowserFact]
    public async Task Certificate_upload_explains_what_is_wrong_and_installs_a_good_pair()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/listeners");
        var page = browser.Page;
        await Assertions.Expect(page.Locator("#certificate-subject")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#listeners-table")).ToContainTextAsync("Admin console and API");
        var now = DateTimeOffset.UtcNow;
        var (cert, _) = Pem("good.example.com", now.AddDays(-1), now.AddDays(200));
        var (_, otherKey) = Pem("other.example.com", now.AddDays(-1), now.AddDays(200));

        await page.FillAsync("#certificate-pem textarea", cert);
        await page.FillAsync("#key-pem textarea", otherKey);
        await page.ClickAsync("#upload-certificate");
        await Assertions.Expect(page.Locator(".certificate-error")).ToContainTextAsync("does not match the certificate");
        await browser.ScreenshotAsync("tls-mismatch");

        var (expired, expiredKey) = Pem("old.example.com", now.AddDays(-90), now.AddDays(-2));
        await page.FillAsync("#certificate-pem textarea", expired);
        await page.FillAsync("#key-pem textarea", expiredKey);
        await page.ClickAsync("#upload-certificate");
        await Assertions.Expect(page.Locator(".certificate-error")).ToContainTextAsync("expired on");

        var (soon, soonKey) = Pem("soon.example.com", now.AddDays(-1), now.AddDays(10));
        await page.FillAsync("#certificate-pem textarea", soon);
        await page.FillAsync("#key-pem textarea", soonKey);
        await page.ClickAsync("#upload-certificate");
        await Assertions.Expect(page.Locator("#certificate-subject")).ToHaveTextAsync("CN=soon.example.com");
        await Assertions.Expect(page.Locator("#certificate-sans")).ToContainTextAsync("soon.example.com");
        await Assertions.Expect(page.Locator("#certificate-expiry-warning")).ToContainTextAsync("expires in");
        Assert.Equal(0, await page.Locator(".certificate-error").CountAsync());
        await browser.ScreenshotAsync("tls-installed");
        Assert.Empty(browser.Errors);
    }

    private static (string Certificate, string Key) Pem(string host, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }
}
