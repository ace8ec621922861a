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
/// The rest of the tenant view (issue 20): webhooks, suppressions, DMARC/TLS reports, SMTP credentials and API keys,
/// for two tenants A and B. Tenant A's users see A's objects only, another tenant's id is 404 in the pages as in the
/// API, a TenantViewer gets no create/delete controls, and an API key a tenant admin creates is bound to its tenant.
/// Runs on SQLite and, with APPLIANCE_TEST_DB_PROVIDER=postgresql, on PostgreSQL.
/// </summary>
public sealed class TenantViewPagesTests(TenantViewWorld world) : IClassFixture<TenantViewWorld>
{
    private const string Password = AuthorizationWorld.Password;

    [Fact]
    public async Task Credentials_page_shows_the_own_tenant_and_answers_404_for_another()
    {
        foreach (var user in new[] { world.TenantAdmin, world.TenantViewer })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/tenants/{world.B.Tenant}/credentials")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/tenants/no-such-tenant/credentials")).StatusCode);

            var own = await user.GetAsync($"/tenants/{world.A.Tenant}/credentials");

            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            var html = await own.Content.ReadAsStringAsync();
            Assert.Contains(world.A.Credential, html, StringComparison.Ordinal);
            Assert.Contains(world.A.KeyName, html, StringComparison.Ordinal);
            Assert.DoesNotContain(world.B.Credential, html, StringComparison.Ordinal);
            Assert.DoesNotContain(world.B.KeyName, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_tenant_viewer_gets_no_controls_to_create_credentials_keys_or_webhooks_and_a_tenant_admin_does()
    {
        var viewerCredentials = await world.TenantViewer.GetStringAsync($"/tenants/{world.A.Tenant}/credentials");
        var viewerWebhooks = await world.TenantViewer.GetStringAsync("/webhooks");
        var adminCredentials = await world.TenantAdmin.GetStringAsync($"/tenants/{world.A.Tenant}/credentials");
        var adminWebhooks = await world.TenantAdmin.GetStringAsync("/webhooks");

        Assert.DoesNotContain("create-credential", viewerCredentials, StringComparison.Ordinal);
        Assert.DoesNotContain("create-api-key", viewerCredentials, StringComparison.Ordinal);
        Assert.DoesNotContain("delete-credential", viewerCredentials, StringComparison.Ordinal);
        Assert.DoesNotContain("new-webhook", viewerWebhooks, StringComparison.Ordinal);
        Assert.DoesNotContain("delete-webhook", viewerWebhooks, StringComparison.Ordinal);
        Assert.Contains("create-credential", adminCredentials, StringComparison.Ordinal);
        Assert.Contains("create-api-key", adminCredentials, StringComparison.Ordinal);
        Assert.Contains("new-webhook", adminWebhooks, StringComparison.Ordinal);
        Assert.Contains("delete-webhook", adminWebhooks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_page_lists_the_own_tenants_webhooks_only_and_another_tenant_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await world.TenantAdmin.GetAsync($"/webhooks?tenant={world.B.Tenant}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.TenantViewer.GetAsync($"/webhooks?tenant={world.B.Tenant}")).StatusCode);

        var html = await world.TenantViewer.GetStringAsync("/webhooks");

        Assert.Contains(world.A.WebhookUrl, html, StringComparison.Ordinal);
        Assert.DoesNotContain(world.B.WebhookUrl, html, StringComparison.Ordinal);
        Assert.DoesNotContain("webhook-tenant", html, StringComparison.Ordinal); // no tenant choice in the tenant view
    }

    [Fact]
    public async Task Suppression_export_and_settings_hold_the_own_tenant_only()
    {
        var csv = await world.TenantViewer.GetStringAsync("/suppressions/export.csv");

        Assert.Contains(world.A.Suppressed, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(world.B.Suppressed, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("global-" + world.A.Suppressed, csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await world.TenantViewer.GetAsync("/suppressions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.TenantAdmin.GetAsync($"/suppressions/settings?tenant={world.B.Tenant}")).StatusCode);
        var settings = await world.TenantAdmin.GetAsync($"/suppressions/settings?tenant={world.A.Tenant}");
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        var html = await settings.Content.ReadAsStringAsync();
        Assert.DoesNotContain(world.B.Tenant, html, StringComparison.Ordinal);
        Assert.DoesNotContain("expiry-suppression-rule", html, StringComparison.Ordinal); // engine policy: global view only
        // The global admin's export still holds everything.
        var all = await world.SignedInAdminAsync();
        var globalCsv = await all.GetStringAsync("/suppressions/export.csv");
        Assert.Contains(world.B.Suppressed, globalCsv, StringComparison.Ordinal);
        Assert.Contains("global-" + world.A.Suppressed, globalCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_page_shows_reports_of_the_own_domains_only_and_no_ingestion()
    {
        var html = await world.TenantViewer.GetStringAsync("/reports");

        Assert.Contains(world.A.Org, html, StringComparison.Ordinal);
        Assert.DoesNotContain(world.B.Org, html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Ingestion<", html, StringComparison.Ordinal);
        var admin = await (await world.SignedInAdminAsync()).GetStringAsync("/reports");
        Assert.Contains(world.B.Org, admin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Global_pages_stay_unreachable_for_tenant_users_and_the_api_stays_key_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await world.TenantAdmin.GetAsync($"/api/v1/tenants/{world.A.Tenant}/webhooks")).StatusCode);
        var tenants = await world.TenantAdmin.GetAsync("/tenants");
        Assert.Contains("/account/access-denied", tenants.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_key_created_by_a_tenant_admin_key_is_bound_to_its_tenant()
    {
        var adminKey = world.Key(await TenantViewWorld.KeyAsync(world.Api, world.A.Tenant, "admin"));

        var created = await adminKey.PostAsJsonAsync($"/api/v1/tenants/{world.A.Tenant}/api-keys", new { name = "made-by-tenant", role = "admin" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        Assert.Equal(world.A.Tenant, body.GetProperty("tenantId").GetString());
        var made = world.Key(body.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await made.GetAsync($"/api/v1/tenants/{world.A.Tenant}/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await made.GetAsync($"/api/v1/tenants/{world.B.Tenant}/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await made.GetAsync($"/api/v1/webhooks/{world.B.Webhook}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await made.GetAsync($"/api/v1/tenants/{world.B.Tenant}/smtp-credentials")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await made.DeleteAsync($"/api/v1/tenants/{world.B.Tenant}/smtp-credentials/{world.B.Credential}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await made.PostAsJsonAsync($"/api/v1/tenants/{world.B.Tenant}/api-keys", new { name = "x", role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await made.PutAsJsonAsync($"/api/v1/webhooks/{world.B.Webhook}", new { url = "http://127.0.0.1:9/x", eventTypes = new[] { "delivery" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await made.GetAsync("/api/v1/routes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await made.PostAsJsonAsync("/api/v1/api-keys", new { name = "global", role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await made.PostAsJsonAsync("/api/v1/bounce-rules/tv", new { pattern = ".", category = "InvalidRecipient" })).StatusCode);
        var search = await (await made.GetAsync("/api/v1/suppressions?take=500")).ReadJsonAsync();
        var addresses = search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("address").GetString()).ToList();
        Assert.Contains(world.A.Suppressed, addresses);
        Assert.DoesNotContain(world.B.Suppressed, addresses);
        // B's objects are unchanged.
        await using var db = world.Factory.CreateDbContext();
        Assert.True(await db.SmtpCredentials.AnyAsync(c => c.Username == world.B.Credential));
        Assert.False(await db.ApiKeys.AnyAsync(k => k.Name == "x" || k.TenantId == null && k.Name == "global"));
    }

    [Fact]
    public async Task A_tenant_viewer_key_cannot_create_credentials_keys_or_webhooks()
    {
        var viewer = world.Key(await TenantViewWorld.KeyAsync(world.Api, world.A.Tenant, "viewer"));

        var credential = await viewer.PostAsJsonAsync($"/api/v1/tenants/{world.A.Tenant}/smtp-credentials", new { username = "viewer-made", password = Password });
        var key = await viewer.PostAsJsonAsync($"/api/v1/tenants/{world.A.Tenant}/api-keys", new { name = "viewer-made", role = "viewer" });
        var webhook = await viewer.PostAsJsonAsync($"/api/v1/tenants/{world.A.Tenant}/webhooks", new { url = "http://127.0.0.1:9/viewer-made", eventTypes = new[] { "delivery" } });

        Assert.Equal(HttpStatusCode.Forbidden, credential.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, key.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, webhook.StatusCode);
        await using var db = world.Factory.CreateDbContext();
        Assert.False(await db.SmtpCredentials.AnyAsync(c => c.Username == "viewer-made"));
        Assert.False(await db.ApiKeys.AnyAsync(k => k.Name == "viewer-made"));
    }
}
