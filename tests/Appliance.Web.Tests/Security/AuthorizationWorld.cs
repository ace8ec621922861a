using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Mta.Dns;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Security;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Security;

/// <summary>
/// One real host for the authorization tests: tenants A and B with real objects (domain, webhook, message, SMTP
/// credential, API key, report), global objects (bounce rule, route, user, mailbox, egress source, pool, assignment,
/// shaping override), API keys of every role (tenant A's and global) and signed-in cookie clients of every role.
/// </summary>
public sealed class AuthorizationWorld : IAsyncLifetime
{
    public const string Password = "Str0ng!Passw0rd";
    private const string AdminEmail = "authz-admin@example.com";

    public ApplianceFactory Factory { get; } = ApplianceFactory.WithSettings(new()
    {
        ["Appliance:Bootstrap:AdminEmail"] = AdminEmail,
        ["Appliance:Bootstrap:AdminPassword"] = Password,
    });

    public HttpClient Admin { get; private set; } = default!;

    /// <summary>Tenant A (the probing tenant's own objects) and tenant B (the victim).</summary>
    public TenantObjects A { get; private set; } = default!;
    public TenantObjects B { get; private set; } = default!;

    /// <summary>Route parameter values of global objects, by the path segment before the parameter.</summary>
    public Dictionary<string, string> GlobalObjects { get; } = new(StringComparer.Ordinal);

    /// <summary>Callers: name → client (no redirects followed).</summary>
    public Dictionary<Caller, HttpClient> Clients { get; } = [];

    public async Task InitializeAsync()
    {
        Admin = Factory.CreateAdminClient();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        A = await CreateTenantObjectsAsync("a" + suffix);
        B = await CreateTenantObjectsAsync("b" + suffix);

        GlobalObjects["bounce-rules"] = await CreatedAsync("/api/v1/bounce-rules/authz-" + suffix, new { pattern = "authz-" + suffix, category = "SpamContent" }, "authz-" + suffix);
        GlobalObjects["routes"] = await CreatedAsync("/api/v1/routes", new { domain = $"route-{suffix}.test", host = "127.0.0.1", port = 2525 }, $"route-{suffix}.test");
        GlobalObjects["users"] = await CreatedAsync("/api/v1/users", new { email = $"victim-{suffix}@example.com", password = Password, role = "Viewer" }, idProperty: "id");
        GlobalObjects["mailboxes"] = await CreatedAsync("/api/v1/reports/mailboxes",
            new { name = "authz-" + suffix, host = "127.0.0.1", port = 9, username = "u", password = "s3cret-pass", pinnedCertificateSha256 = new string('a', 64) }, idProperty: "id");
        GlobalObjects["egress-sources"] = await CreatedAsync("/api/v1/egress-sources", new { name = "src" + suffix, bindAddress = "127.0.0.2" }, "src" + suffix);
        GlobalObjects["pools"] = await CreatedAsync("/api/v1/pools", new { name = "pool" + suffix, members = new[] { new { source = "src" + suffix, weight = 1 } } }, "pool" + suffix);
        GlobalObjects["pool-assignments"] = await CreatedAsync("/api/v1/pool-assignments", new { stream = "transactional", pool = "pool" + suffix }, idProperty: "id");
        GlobalObjects["overrides"] = await CreatedAsync("/api/v1/shaping/overrides", new { name = "ovr" + suffix, provider = "gmail", limits = new { maxConnections = 3 } }, "ovr" + suffix);
        // Warm-up plans and attachments: ids that do not exist (allowed callers get 404, others 401/403 all the same).
        GlobalObjects["plans"] = "999999";
        GlobalObjects["attachments"] = "999999";
        // An invitation link that does not exist (the page answers "unknown or expired" to everyone).
        GlobalObjects["invitation"] = "no-such-invitation-token";

        Clients[Caller.None] = Plain();
        Clients[Caller.WrongKey] = WithKey("wrong-key-0123456789abcdefghijklmnop");
        Clients[Caller.TenantViewer] = WithKey(await TenantKeyAsync(A.Tenant, "viewer"));
        Clients[Caller.TenantOperator] = WithKey(await TenantKeyAsync(A.Tenant, "operator"));
        Clients[Caller.TenantAdmin] = WithKey(await TenantKeyAsync(A.Tenant, "admin"));
        Clients[Caller.GlobalViewer] = WithKey(await GlobalKeyAsync("viewer"));
        Clients[Caller.GlobalOperator] = WithKey(await GlobalKeyAsync("operator"));
        Clients[Caller.GlobalAdmin] = WithKey(ApplianceFactory.AdminKey);
        Clients[Caller.CookieViewer] = await CookieAsync($"viewer-{suffix}@example.com", ApplianceRoles.Viewer);
        Clients[Caller.CookieOperator] = await CookieAsync($"operator-{suffix}@example.com", ApplianceRoles.Operator);
        Clients[Caller.CookieAdmin] = await CookieAsync(AdminEmail, null);
        Clients[Caller.TenantUserAdmin] = await CookieAsync($"tenant-admin-{suffix}@example.com", ApplianceRoles.TenantAdmin, A.Tenant);
        Clients[Caller.TenantUserViewer] = await CookieAsync($"tenant-viewer-{suffix}@example.com", ApplianceRoles.TenantViewer, A.Tenant);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    private async Task<TenantObjects> CreateTenantObjectsAsync(string name)
    {
        var tenant = (await (await PostOkAsync("/api/v1/tenants", new { name })).ReadJsonAsync()).GetProperty("id").GetString()!;
        var domain = $"{name}.example";
        await PostOkAsync($"/api/v1/tenants/{tenant}/domains", new { name = domain, algorithm = "ed25519" });
        var webhook = (await (await PostOkAsync($"/api/v1/tenants/{tenant}/webhooks", new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "delivery" } })).ReadJsonAsync())
            .GetProperty("id").ToString();
        var message = (await (await PostOkAsync("/api/v1/messages", new { from = $"a@{domain}", to = new[] { "b@isolation.test" }, subject = "s", text = "t", tenantId = tenant })).ReadJsonAsync())
            .GetProperty("id").GetString()!;
        await PostOkAsync($"/api/v1/tenants/{tenant}/smtp-credentials", new { username = "user-" + name, password = Password });
        var keyId = (await (await PostOkAsync($"/api/v1/tenants/{tenant}/api-keys", new { name = "spare", role = "viewer" })).ReadJsonAsync()).GetProperty("id").ToString();
        await Admin.UploadAsync(SyntheticReports.Aggregate("org.example", "authz-" + name, domain, DateTimeOffset.UtcNow.AddDays(-1), "none", new SyntheticReports.Row("192.0.2.10", 5)), name + ".xml");
        var reports = await Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/reports?domain={domain}");
        var report = reports.EnumerateArray().First().GetProperty("id").ToString();
        return new TenantObjects(tenant, domain, webhook, message, "user-" + name, keyId, report);
    }

    private async Task<HttpResponseMessage> PostOkAsync(string path, object body)
    {
        var response = await Admin.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"Setup POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private async Task<string> CreatedAsync(string path, object body, string? value = null, string? idProperty = null)
    {
        var response = await PostOkAsync(path, body);
        return value ?? (await response.ReadJsonAsync()).GetProperty(idProperty!).ToString();
    }

    private async Task<string> TenantKeyAsync(string tenant, string role)
    {
        var response = await PostOkAsync($"/api/v1/tenants/{tenant}/api-keys", new { name = role, role });
        return (await response.ReadJsonAsync()).GetProperty("key").GetString()!;
    }

    private async Task<string> GlobalKeyAsync(string scope)
    {
        var key = ApiKeyHasher.Generate();
        await using var db = Factory.CreateDbContext();
        db.ApiKeys.Add(new ApiKey { Name = "global-" + scope, Prefix = ApiKeyHasher.PrefixOf(key), Hash = ApiKeyHasher.Hash(key), Scope = scope });
        await db.SaveChangesAsync();
        return key;
    }

    private async Task<HttpClient> CookieAsync(string email, string? role, string? tenant = null)
    {
        if (role is not null)
        {
            using var scope = Factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
            var user = new ApplianceUser { UserName = email, Email = email, EmailConfirmed = true, TenantId = tenant };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        var client = Plain();
        await CookieLogin.SignInAsync(client, email, Password);
        return client;
    }

    private HttpClient Plain() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private HttpClient WithKey(string key)
    {
        var client = Plain();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
