using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Modules.BounceRules;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Data;

/// <summary>
/// A change and its audit row are saved in one transaction: when either write fails, neither is stored.
/// The failures are made by triggers (<see cref="RefusedWrites"/>), so the real services and the real database are used.
/// </summary>
public sealed class AuditTransactionTests
{
    [Fact]
    public async Task A_refused_audit_row_rolls_the_change_back()
    {
        using var app = new ApplianceFactory();
        var client = app.CreateAdminClient();
        await RefusedWrites.RefuseAsync(app, "AuditLog");

        var tenant = await client.PostAsJsonAsync("/api/v1/tenants", new { name = "orphan" });
        var rule = await client.PostAsJsonAsync("/api/v1/bounce-rules/orphan-rule", new { pattern = "orphan pattern", category = "QuotaIssues" });

        Assert.Equal(HttpStatusCode.InternalServerError, tenant.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, rule.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Tenants.AnyAsync(t => t.Name == "orphan"));
        Assert.False(await db.Rules.AnyAsync(r => r.Id == "orphan-rule"));
        Assert.Equal(0, await db.AuditLog.CountAsync());
    }

    [Fact]
    public async Task A_refused_change_leaves_no_audit_row()
    {
        using var app = new ApplianceFactory();
        var client = app.CreateAdminClient();
        await RefusedWrites.RefuseAsync(app, "Tenants");

        var tenant = await client.PostAsJsonAsync("/api/v1/tenants", new { name = "refused" });

        Assert.Equal(HttpStatusCode.InternalServerError, tenant.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Tenants.AnyAsync(t => t.Name == "refused"));
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "tenant.create"));
    }

    [Fact]
    public async Task Without_failures_the_change_and_its_row_are_both_stored()
    {
        using var app = new ApplianceFactory();
        var client = app.CreateAdminClient();

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/tenants", new { name = "kept" })).StatusCode);

        await using var db = app.CreateDbContext();
        var tenant = await db.Tenants.SingleAsync(t => t.Name == "kept");
        var entry = await db.AuditLog.SingleAsync(a => a.Action == "tenant.create");
        Assert.Equal(tenant.Id, entry.Target);
    }
}
