using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.E2ETests.Monitoring;
using Appliance.Web.Security;
using Microsoft.Playwright;
using OtpNet;

namespace Appliance.Web.E2ETests.TenantUsers;

/// <summary>
/// The tenant view in Chromium, on the published folder in Production (<see cref="TenantHost"/>): a TenantAdmin
/// (invited through the API, its password and second factor set from the mailed link) creates an SMTP credential and a webhook in its
/// own view (both bound to its tenant, as the API's lists show), and cannot open another tenant's credentials or
/// webhooks (404, over HTTP and by in-app navigation).
/// </summary>
[Collection(TenantHostCollection.Name)]
public sealed partial class TenantViewE2ETests(TenantHost host)
{
    private const string TenantAdminEmail = "owner@alpha-view.example";

    [BrowserFact]
    public async Task A_tenant_admin_creates_a_credential_and_a_webhook_and_cannot_open_another_tenants()
    {
        Assert.True(SmtpSink.Available, "python3-aiosmtpd is required");
        await using var sink = await MaildirSink.StartAsync();
        using var api = host.Api();
        var a = await host.TenantAsync("Alpha View");
        var b = await host.TenantAsync("Beta View");
        Assert.True((await api.PostAsJsonAsync($"/api/v1/tenants/{b}/smtp-credentials", new { username = "beta-sender", password = Users.Password })).IsSuccessStatusCode);
        Assert.True((await api.PostAsJsonAsync($"/api/v1/tenants/{b}/webhooks", new { url = "https://hooks.beta.example/mta", eventTypes = new[] { "delivery" } })).IsSuccessStatusCode);
        Assert.True((await api.PostAsJsonAsync("/api/v1/routes", new { domain = "alpha-view.example", host = "127.0.0.1", port = sink.Port, tls = "disabled" })).IsSuccessStatusCode);
        var invited = await api.PostAsJsonAsync($"/api/v1/tenants/{a}/invitations", new { email = TenantAdminEmail, role = ApplianceRoles.TenantAdmin });
        Assert.True(invited.IsSuccessStatusCode, await invited.Content.ReadAsStringAsync());
        var mail = (await sink.WaitForAsync(TenantAdminEmail, TimeSpan.FromSeconds(60))).Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal);
        var link = Link().Match(mail);
        Assert.True(link.Success, "No invitation link in the delivered mail:\n" + mail);

        await using var browser = await Browser.LaunchAsync(host.BaseUrl);
        var page = browser.Page;
        await page.GotoAsync(link.Groups["path"].Value);
        await page.FillAsync("#password", Users.Password);
        await page.FillAsync("#confirm", Users.Password);
        // The optional second factor, chosen on the invitation page: the authenticator page follows.
        await page.CheckAsync("#setup-2fa");
        await page.ClickAsync("#accept-submit");
        await page.WaitForURLAsync("**/account/two-factor");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("#current-user")).ToHaveTextAsync(TenantAdminEmail);
        var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(key));
        await page.FillAsync("#verification-code input", totp.ComputeTotp());
        await page.ClickAsync("#verify-2fa");
        await Assertions.Expect(page.Locator("#recovery-codes")).ToBeVisibleAsync();
        await page.ClickAsync("#two-factor-done");
        await page.WaitForURLAsync("**/account");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("#two-factor-status")).ToContainTextAsync("Enabled");

        // Its next sign-in asks for the password and then a code (the next time step's: not the one just used).
        await using (var again = await Browser.LaunchAsync(host.BaseUrl))
        {
            await again.LoginAsync(TenantAdminEmail, Users.Password);
            // The sign-in posts while the suite shares the host with other test assemblies: a minute, not the default 30 s.
            await again.Page.WaitForURLAsync("**/account/login-2fa**", new() { Timeout = 60_000 });
            await again.Page.FillAsync("#code", totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
            await again.Page.ClickAsync("#code-submit");
            await again.WaitForCircuitAsync();
            await Assertions.Expect(again.Page.Locator("#current-user")).ToHaveTextAsync(TenantAdminEmail);
            await Assertions.Expect(again.Page.Locator("#tenant-scope")).ToContainTextAsync(a);
        }

        // SMTP credential, from the menu's tenant-view entry.
        await page.Locator("#nav-menu").GetByText("Credentials and API keys", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#credentials-panel")).ToBeVisibleAsync();
        await page.FillAsync("#credential-username input", "alpha-sender");
        await page.ClickAsync("#create-credential");
        await Assertions.Expect(page.Locator("#generated-password")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#credentials-table")).ToContainTextAsync("alpha-sender");
        await Assertions.Expect(page.Locator("#credentials-table")).Not.ToContainTextAsync("beta-sender");

        // Webhook: no tenant to choose, the own tenant's list only.
        await browser.GotoInteractiveAsync("/webhooks");
        await Assertions.Expect(page.Locator("#webhook-tenant")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#no-webhooks")).ToBeVisibleAsync();
        await page.ClickAsync("#new-webhook");
        await page.FillAsync("#webhook-url input", "https://hooks.alpha.example/mta");
        await page.ClickAsync("#save-webhook");
        await Assertions.Expect(page.Locator("#webhook-secret")).ToBeVisibleAsync();
        await page.ClickAsync("#ack-secret");
        await Assertions.Expect(page.Locator("#webhooks-table")).ToContainTextAsync("https://hooks.alpha.example/mta");
        await Assertions.Expect(page.Locator("#webhooks-table")).Not.ToContainTextAsync("hooks.beta.example");

        // Both are bound to its tenant: the API's lists of tenant A have them, tenant B's do not.
        var ownCredentials = await api.GetStringAsync($"/api/v1/tenants/{a}/smtp-credentials");
        Assert.Contains("alpha-sender", ownCredentials, StringComparison.Ordinal);
        Assert.DoesNotContain("alpha-sender", await api.GetStringAsync($"/api/v1/tenants/{b}/smtp-credentials"), StringComparison.Ordinal);
        Assert.Contains("https://hooks.alpha.example/mta", await api.GetStringAsync($"/api/v1/tenants/{a}/webhooks"), StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.alpha.example", await api.GetStringAsync($"/api/v1/tenants/{b}/webhooks"), StringComparison.Ordinal);

        // Another tenant's objects: 404 over HTTP, the not-found page by in-app navigation.
        var credentials = await page.GotoAsync($"/tenants/{b}/credentials");
        Assert.Equal(404, credentials!.Status);
        await Assertions.Expect(page.Locator("#not-found")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("beta-sender");
        var webhooks = await page.GotoAsync($"/webhooks?tenant={b}");
        Assert.Equal(404, webhooks!.Status);
        // The Domains page named another tenant in its query too: not found, not the own list under the other's name.
        var domains = await page.GotoAsync($"/domains?tenant={b}");
        Assert.Equal(404, domains!.Status);
        await Assertions.Expect(page.Locator("#not-found")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#domains-table")).ToHaveCountAsync(0);
        await browser.GotoInteractiveAsync("/");
        await page.EvaluateAsync($"Blazor.navigateTo('/tenants/{b}/credentials')");
        await Assertions.Expect(page.Locator("#not-found")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#credentials-panel")).ToHaveCountAsync(0);
        Assert.DoesNotContain(browser.Errors, e => !e.Contains("404", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"https://panel\.example\.test(?<path>/account/invitation/[A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
