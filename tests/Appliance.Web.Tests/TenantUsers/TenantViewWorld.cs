using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Reports;
using Appliance.Web.Tests.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.TenantUsers;

/// <summary>
/// One host for <see cref="TenantViewPagesTests"/>: tenants A and B, each with a domain, a webhook, an SMTP credential,
/// an API key, a DMARC report (its own reporting organisation) and a tenant-scope and a global suppression; tenant A's
/// TenantAdmin and TenantViewer signed in.
/// </summary>
public sealed class TenantViewWorld : IAsyncLifetime
{
    private const string Password = AuthorizationWorld.Password;
    private readonly ApplianceFactory _factory = ApplianceFactory.WithSettings(new()
    {
        ["Appliance:Bootstrap:AdminEmail"] = "tv-admin@example.com",
        ["Appliance:Bootstrap:AdminPassword"] = Password,
    });

    private HttpClient _api = default!;

    public ApplianceFactory Factory => _factory;

    /// <summary>The global admin key's client.</summary>
    public HttpClient Api => _api;

    /// <summary>Tenant A (whose users probe) and tenant B (the other tenant).</summary>
    public TenantViewObjects A { get; private set; } = default!;
    public TenantViewObjects B { get; private set; } = default!;

    /// <summary>Signed-in cookie clients of tenant A's TenantAdmin and TenantViewer.</summary>
    public HttpClient TenantAdmin { get; private set; } = default!;
    public HttpClient TenantViewer { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _api = _factory.CreateAdminClient();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        A = await TenantAsync("tva" + suffix);
        B = await TenantAsync("tvb" + suffix);
        TenantAdmin = await TenantUserAsync($"tv-admin-{suffix}@example.com", ApplianceRoles.TenantAdmin, A.Tenant);
        TenantViewer = await TenantUserAsync($"tv-viewer-{suffix}@example.com", ApplianceRoles.TenantViewer, A.Tenant);
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    private async Task<TenantViewObjects> TenantAsync(string name)
    {
        var tenant = (await (await PostOkAsync("/api/v1/tenants", new { name })).ReadJsonAsync()).GetProperty("id").GetString()!;
        var domain = $"{name}.example";
        await PostOkAsync($"/api/v1/tenants/{tenant}/domains", new { name = domain, algorithm = "ed25519" });
        var url = $"http://127.0.0.1:9/hook-{name}";
        var webhook = (await (await PostOkAsync($"/api/v1/tenants/{tenant}/webhooks", new { url, eventTypes = new[] { "delivery" } })).ReadJsonAsync()).GetProperty("id").ToString();
        await PostOkAsync($"/api/v1/tenants/{tenant}/smtp-credentials", new { username = "smtp-" + name, password = Password });
        await PostOkAsync($"/api/v1/tenants/{tenant}/api-keys", new { name = "key-" + name, role = "viewer" });
        var org = $"org-{name}.example";
        await _api.UploadAsync(SyntheticReports.Aggregate(org, "tv-" + name, domain, DateTimeOffset.UtcNow.AddDays(-1), "none", new SyntheticReports.Row("192.0.2.10", 5)), name + ".xml");
        var suppressed = $"sup-{name}@example.net";
        await PostOkAsync("/api/v1/suppressions", new { address = suppressed, scope = "tenant", scopeKey = tenant, reason = "manual" });
        await PostOkAsync("/api/v1/suppressions", new { address = "global-" + suppressed, scope = "global", reason = "manual" });
        return new TenantViewObjects(tenant, domain, webhook, url, "smtp-" + name, "key-" + name, org, suppressed);
    }

    private async Task<HttpResponseMessage> PostOkAsync(string path, object body)
    {
        var response = await _api.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"Setup POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>A new API key of tenant <paramref name="tenant"/> with <paramref name="role"/>.</summary>
    public static async Task<string> KeyAsync(HttpClient api, string tenant, string role)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/tenants/{tenant}/api-keys", new { name = "probe-" + role, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("key").GetString()!;
    }

    /// <summary>A client sending <paramref name="key"/> as its bearer token.</summary>
    public HttpClient Key(string key)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<HttpClient> TenantUserAsync(string email, string role, string tenant)
    {
        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
            var user = new ApplianceUser { UserName = email, Email = email, EmailConfirmed = true, TenantId = tenant };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CookieLogin.SignInAsync(client, email, Password);
        return client;
    }

    /// <summary>The bootstrap global Admin, signed in through the login form.</summary>
    public async Task<HttpClient> SignedInAdminAsync()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CookieLogin.SignInAsync(client, "tv-admin@example.com", Password);
        return client;
    }
}
