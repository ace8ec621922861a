using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.E2ETests.Monitoring;
using Appliance.Web.Security;
using Appliance.Web.Security.Access;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.TenantUsers;

/// <summary>
/// A tenant user's whole life in Chromium, Production build: a global admin invites from the tenant's Users page, the
/// invitation travels through the appliance's own queue to a recording SMTP sink, the mailed link sets the password,
/// and the new TenantAdmin sees only its tenant. Then every page route is walked as that user, from the declared
/// access table: global pages are refused, another tenant's objects answer 404, its own pages open.
/// </summary>
public sealed partial class TenantUserE2ETests
{
    private const string ApiKey = "e2e-tenant-users-admin-key-0123456789";
    private const string NewUserPassword = "Tenant-Passw0rd!";

    [BrowserFact]
    public async Task An_invited_tenant_admin_sets_a_password_from_the_mailed_link_and_sees_only_its_tenant()
    {
        Assert.True(SmtpSink.Available, "python3-aiosmtpd is required");
        await using var sink = await MaildirSink.StartAsync();
        using var app = Users.WithAdmin(new Dictionary<string, string?>
        {
            ["Appliance:Bootstrap:ApiKey"] = ApiKey,
            // The link's host is the configured public address; the test opens its path on the test server.
            ["Appliance:Invitations:PublicBaseUrl"] = "https://panel.example.test",
        });
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var a = await TenantAsync(api, "Alpha Shop");
        var b = await TenantAsync(api, "Beta Shop");
        Assert.True((await api.PostAsJsonAsync($"/api/v1/tenants/{a}/domains", new { name = "alpha.example", algorithm = "ed25519" })).IsSuccessStatusCode);
        Assert.True((await api.PostAsJsonAsync($"/api/v1/tenants/{b}/domains", new { name = "beta.example", algorithm = "ed25519" })).IsSuccessStatusCode);
        Assert.True((await api.PostAsJsonAsync("/api/v1/routes", new { domain = "*", host = "127.0.0.1", port = sink.Port, tls = "disabled" })).IsSuccessStatusCode);

        // The global admin invites from tenant A's Users page.
        await using (var admin = await Browser.LaunchAsync(app.BaseUrl))
        {
            await admin.LoginAsync(Users.AdminEmail, Users.Password);
            await admin.GotoInteractiveAsync($"/tenants/{a}/users");
            await admin.Page.FillAsync("#invite-email input", "owner@alpha.example");
            await admin.Page.ClickAsync("#invite-role .mud-select");
            await admin.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('TenantAdmin')");
            await admin.Page.ClickAsync("#invite-submit");
            await Assertions.Expect(admin.Page.Locator("#open-invitations")).ToContainTextAsync("owner@alpha.example");
        }

        var mail = await sink.WaitForAsync("owner@alpha.example", TimeSpan.FromSeconds(60));
        var link = Link().Match(mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal));
        Assert.True(link.Success, "No invitation link in the delivered mail:\n" + mail);
        Assert.Contains("Auto-Submitted: auto-generated", mail);

        await using var tenantUser = await Browser.LaunchAsync(app.BaseUrl);
        var page = tenantUser.Page;
        await page.GotoAsync(link.Groups["path"].Value);
        await Assertions.Expect(page.Locator("#invitation-email")).ToHaveTextAsync("owner@alpha.example");
        await page.FillAsync("#password", NewUserPassword);
        await page.FillAsync("#confirm", NewUserPassword);
        await page.ClickAsync("#accept-submit");

        // Signed in, in the tenant view: its dashboard, its tenant, no global menu entry, only its domain.
        await tenantUser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("#tenant-dashboard")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tenant-scope")).ToContainTextAsync(a);
        await Assertions.Expect(page.Locator("#current-user")).ToHaveTextAsync("owner@alpha.example");
        var menu = page.Locator("#nav-menu");
        foreach (var global in new[] { "Tenants", "Queues", "Routes", "Settings", "IP pools", "Audit log" })
            await Assertions.Expect(menu.GetByText(global, new() { Exact = true })).ToHaveCountAsync(0);
        await tenantUser.GotoInteractiveAsync("/domains");
        await Assertions.Expect(page.Locator("#domains-table")).ToContainTextAsync("alpha.example");
        await Assertions.Expect(page.Locator("#domains-table")).Not.ToContainTextAsync("beta.example");
        await Assertions.Expect(page.Locator("#tenant-filter")).ToHaveCountAsync(0);

        // In-app navigation to a global page: the router refuses it too.
        await page.EvaluateAsync("Blazor.navigateTo('/settings')");
        await Assertions.Expect(page.Locator("#access-denied")).ToBeVisibleAsync();

        // The walk: every page route over HTTP with the tenant user's cookie, answered as its row says.
        var objects = new Dictionary<string, (string Own, string Foreign)>(StringComparer.OrdinalIgnoreCase)
        {
            ["domains"] = ("alpha.example", "beta.example"),
            ["tenants"] = (a, b),
            ["messages"] = ("no-such-message", "no-such-message"),
            ["invitation"] = ("no-such-token", "no-such-token"),
        };
        var failures = new List<string>();
        foreach (var template in PageRoutes())
        {
            var row = EndpointAccessTable.Find("GET", template);
            Assert.NotNull(row);
            foreach (var foreign in new[] { false, true })
            {
                var path = Fill(template, objects, foreign);
                var response = await page.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
                var location = response.Headers.GetValueOrDefault("location", "");
                var allowed = row.Anonymous || row.CookieRoles.Contains(ApplianceRoles.TenantAdmin);
                var tenantBound = template.Contains('{', StringComparison.Ordinal) && template.Split('/')[1] is "domains" or "tenants";
                var ok = !allowed ? response.Status == 302 && location.Contains("/account/access-denied", StringComparison.Ordinal)
                    : foreign && tenantBound ? response.Status == 404
                    : response.Status is 200 or 404;
                if (!ok) failures.Add($"{path}: {response.Status} {location} (row allows tenant admins: {allowed})");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(tenantUser.Errors);
    }

    private static async Task<string> TenantAsync(HttpClient api, string name)
    {
        var response = await api.PostAsJsonAsync("/api/v1/tenants", new { name });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TenantDto>())!.Id;
    }

    /// <summary>Every routable Blazor page of the app (@page compiles to [Route]).</summary>
    private static IEnumerable<string> PageRoutes() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(Microsoft.AspNetCore.Components.IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Select(r => r.Template)
            .Where(t => t != "/account/login" && t != "/setup" && t != "/account/login-2fa") // signed-in visitors are sent on
            .Distinct();

    private static string Fill(string template, Dictionary<string, (string Own, string Foreign)> objects, bool foreign) =>
        Parameter().Replace(template, m =>
        {
            var value = objects[m.Groups["segment"].Value];
            return $"/{m.Groups["segment"].Value}/{Uri.EscapeDataString(foreign ? value.Foreign : value.Own)}";
        });

    [GeneratedRegex(@"https://panel\.example\.test(?<path>/account/invitation/[A-Za-z0-9_-]+)")]
    private static partial Regex Link();

    [GeneratedRegex(@"/(?<segment>[^/{}]+)/\{[^}]+\}")]
    private static partial Regex Parameter();

    private sealed record TenantDto(string Id);
}
