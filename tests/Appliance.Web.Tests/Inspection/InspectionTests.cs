using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Web.Modules.Inspection;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Inspection;

/// <summary>
/// Message inspection end to end on the real host: the content permission (Admin and TenantAdmin only), tenant
/// isolation (another tenant's message is 404), the preview's policy, the .eml, the audit rows with the viewer's
/// identity, and the retention settings API.
/// </summary>
public sealed class InspectionTests(InspectionWorld world) : IClassFixture<InspectionWorld>
{
    [Fact]
    public async Task A_tenant_admin_previews_its_message_under_the_strict_policy_and_the_view_is_audited_with_its_identity()
    {
        var response = await world.Users["tenant-admin-a"].GetAsync($"/messages/{world.MessageA}/content/preview");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HtmlPreview.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("default-src 'none'", HtmlPreview.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(InspectionWorld.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        await AssertAuditedAsync("message.content.preview", world.MessageA, "user:" + world.Emails["tenant-admin-a"]);
    }

    [Fact]
    public async Task A_global_admin_downloads_the_raw_eml_and_the_download_is_audited_with_its_identity()
    {
        var response = await world.Users["admin"].GetAsync($"/messages/{world.MessageA}/content/raw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message/rfc822", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(world.MessageA + ".eml", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var eml = await response.Content.ReadAsStringAsync();
        Assert.Contains("Subject: Inspection " + world.A, eml, StringComparison.Ordinal);
        Assert.Contains("figures.csv", eml, StringComparison.Ordinal);
        await AssertAuditedAsync("message.content.download", world.MessageA, "user:" + InspectionWorld.AdminEmail);
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("viewer")]
    [InlineData("tenant-viewer-a")]
    public async Task Roles_without_the_content_permission_are_refused_and_nothing_is_audited(string user)
    {
        foreach (var path in new[] { $"/messages/{world.MessageA}/content/preview", $"/messages/{world.MessageA}/content/raw" })
        {
            var response = await world.Users[user].GetAsync(path);

            // The access table forbids through the cookie scheme: the browser is sent to "access denied".
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/access-denied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(InspectionWorld.Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await using var db = world.Factory.CreateDbContext();
        Assert.False(await db.AuditLog.AnyAsync(e => e.Action.StartsWith("message.content") && e.Actor == "user:" + world.Emails[user]));
    }

    [Fact]
    public async Task Another_tenants_admin_gets_404_for_the_message_like_one_that_does_not_exist()
    {
        var foreign = await world.Users["tenant-admin-b"].GetAsync($"/messages/{world.MessageA}/content/preview");
        var missing = await world.Users["tenant-admin-b"].GetAsync("/messages/00000000000000ff/content/preview");
        var foreignRaw = await world.Users["tenant-admin-b"].GetAsync($"/messages/{world.MessageA}/content/raw");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignRaw.StatusCode);
        Assert.DoesNotContain(InspectionWorld.Secret, await foreignRaw.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = world.Factory.CreateDbContext();
        Assert.False(await db.AuditLog.AnyAsync(e => e.Action.StartsWith("message.content") && e.Actor == "user:" + world.Emails["tenant-admin-b"]));
    }

    [Fact]
    public async Task With_retention_off_no_content_is_kept_and_none_is_served()
    {
        var preview = await world.Users["admin"].GetAsync($"/messages/{world.MessageB}/content/preview");

        Assert.Equal(HttpStatusCode.NotFound, preview.StatusCode);
        Assert.Null(world.FileOf(world.B, world.MessageB));
        var retention = await world.Api.GetFromJsonAsync<ContentRetentionView>($"/api/v1/tenants/{world.B}/retention");
        Assert.False(retention!.Enabled);
        Assert.Equal(ContentRetentionRules.DefaultDays, retention.Days);
    }

    [Fact]
    public async Task The_api_serves_the_content_to_keys_of_its_tenant_only_and_audits_the_key()
    {
        var keyB = await TenantKeyAsync(world.B, "admin");
        var viewerA = await TenantKeyAsync(world.A, "viewer");
        var adminA = await TenantKeyAsync(world.A, "admin");

        Assert.Equal(HttpStatusCode.NotFound, (await WithKey(keyB).GetAsync($"/api/v1/messages/{world.MessageA}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await WithKey(viewerA).GetAsync($"/api/v1/messages/{world.MessageA}/content")).StatusCode);
        var ok = await WithKey(adminA).GetAsync($"/api/v1/messages/{world.MessageA}/content");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains(InspectionWorld.Secret, await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertAuditedAsync("message.content.download", world.MessageA, "api:admin-" + world.A);
    }

    [Fact]
    public async Task Retention_settings_are_validated_and_every_change_is_audited()
    {
        var bad = await world.Api.PutAsJsonAsync($"/api/v1/tenants/{world.B}/retention", new { enabled = true, days = 0, budgetMegabytes = 0 });
        var unknown = await world.Api.PutAsJsonAsync("/api/v1/tenants/no-such-tenant/retention", new { enabled = true });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("days", out _));
        Assert.True(errors.TryGetProperty("budgetMegabytes", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var a = await world.Api.GetFromJsonAsync<ContentRetentionView>($"/api/v1/tenants/{world.A}/retention");
        Assert.True(a!.Enabled);
        Assert.Equal(10, a.BudgetMegabytes);
        Assert.True(a.UsedBytes > 0);
        await using var db = world.Factory.CreateDbContext();
        var row = await db.AuditLog.SingleAsync(e => e.Action == "tenant.retention" && e.Target == world.A);
        Assert.StartsWith("api:", row.Actor, StringComparison.Ordinal);
        Assert.Contains("\"enabled\":true", row.After, StringComparison.Ordinal);
        Assert.False(await db.AuditLog.AnyAsync(e => e.Action == "tenant.retention" && e.Target == world.B));
    }

    [Fact]
    public async Task A_tenant_key_cannot_change_retention()
    {
        var adminA = await TenantKeyAsync(world.A, "admin");

        var response = await WithKey(adminA).PutAsJsonAsync($"/api/v1/tenants/{world.A}/retention", new { enabled = false });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task AssertAuditedAsync(string action, string target, string actor)
    {
        await using var db = world.Factory.CreateDbContext();
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == action && e.Target == target && e.Actor == actor),
            $"No audit row {action} {target} by {actor}; rows: " + string.Join("; ", await db.AuditLog.Where(e => e.Action.StartsWith("message.")).Select(e => e.Action + " " + e.Target + " " + e.Actor).ToListAsync()));
    }

    private async Task<string> TenantKeyAsync(string tenant, string role)
    {
        var response = await world.Api.PostAsJsonAsync($"/api/v1/tenants/{tenant}/api-keys", new { name = role + "-" + tenant, role });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("key").GetString()!;
    }

    private HttpClient WithKey(string key)
    {
        var client = world.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
