using Appliance.Web.Engine;
using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Ui;

public sealed class TenantServiceTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    [Fact]
    public async Task Editing_a_tenant_reloads_the_engine_directory_and_audits_before_and_after()
    {
        using var scope = factory.Services.CreateScope();
        var tenants = scope.ServiceProvider.GetRequiredService<TenantService>();
        var directory = factory.Services.GetRequiredService<EfTenantDirectory>();
        var created = await tenants.CreateAsync("Editable Ltd", dsnEnabled: true, "user:t@example.com");
        var id = created.Value!.Id;
        Assert.True(directory.DsnEnabled(id));

        var updated = await tenants.UpdateAsync(id, "Editable Limited", dsnEnabled: false, "user:t@example.com");

        Assert.True(updated.Succeeded);
        Assert.Equal(id, updated.Value!.Id);
        Assert.False(directory.DsnEnabled(id));
        await using var db = factory.CreateDbContext();
        var entry = await db.AuditLog.Where(a => a.Action == "tenant.update" && a.Target == id).SingleAsync();
        Assert.Contains("\"dsnEnabled\":true", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"Editable Limited\"", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_checks_name_uniqueness_existence_and_syntax()
    {
        using var scope = factory.Services.CreateScope();
        var tenants = scope.ServiceProvider.GetRequiredService<TenantService>();
        var a = (await tenants.CreateAsync("Alpha Unique", null, "t")).Value!;
        await tenants.CreateAsync("Beta Unique", null, "t");

        Assert.Equal(ServiceOutcome.Conflict, (await tenants.UpdateAsync(a.Id, "BETA unique", true, "t")).Outcome);
        Assert.Equal(ServiceOutcome.NotFound, (await tenants.UpdateAsync("no-such-tenant", "Gamma", true, "t")).Outcome);
        var invalid = await tenants.UpdateAsync(a.Id, "  ", true, "t");
        Assert.Equal(ServiceOutcome.Invalid, invalid.Outcome);
        Assert.Equal(["The name is required."], invalid.Errors["name"]);
    }
}
