using Appliance.Web.Security;
using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Ui;

public sealed class UserAdminServiceTests
{
    private const string Password = "Str0ng!Passw0rd";

    [Fact]
    public async Task Users_get_one_role_can_be_locked_and_deleted_and_every_change_is_audited()
    {
        using var app = ApplianceFactory.WithSettings(new()
        {
            ["Appliance:Bootstrap:AdminEmail"] = "root@example.com",
            ["Appliance:Bootstrap:AdminPassword"] = Password,
        });
        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<UserAdminService>();

        var created = await service.CreateAsync("ops@example.com", Password, ApplianceRoles.Operator, "user:root@example.com");
        Assert.True(created.Succeeded);
        var id = created.Value!.Id;
        var promoted = await service.SetRoleAsync(id, ApplianceRoles.Viewer, "user:root@example.com");
        Assert.Equal(ApplianceRoles.Viewer, promoted.Value!.Role);
        Assert.True((await service.SetLockedAsync(id, true, "user:root@example.com")).Value!.LockedOut);
        Assert.False((await service.SetLockedAsync(id, false, "user:root@example.com")).Value!.LockedOut);
        Assert.True((await service.DeleteAsync(id, "user:root@example.com")).Succeeded);
        Assert.DoesNotContain(await service.ListAsync(), u => u.Email == "ops@example.com");

        await using var db = app.CreateDbContext();
        var actions = await db.AuditLog.Where(a => a.Target == "ops@example.com").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["user.create", "user.role", "user.lock", "user.unlock", "user.delete"], actions);
        var role = await db.AuditLog.SingleAsync(a => a.Action == "user.role");
        Assert.Contains("\"role\":\"Operator\"", role.Before, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"Viewer\"", role.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_demoted_locked_or_deleted_and_bad_input_is_explained()
    {
        using var app = ApplianceFactory.WithSettings(new()
        {
            ["Appliance:Bootstrap:AdminEmail"] = "root@example.com",
            ["Appliance:Bootstrap:AdminPassword"] = Password,
        });
        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<UserAdminService>();
        var root = (await service.ListAsync()).Single(u => u.Email == "root@example.com");

        Assert.Equal(ServiceOutcome.Conflict, (await service.SetRoleAsync(root.Id, ApplianceRoles.Viewer, "t")).Outcome);
        Assert.Equal(ServiceOutcome.Conflict, (await service.SetLockedAsync(root.Id, true, "t")).Outcome);
        Assert.Equal(ServiceOutcome.Conflict, (await service.DeleteAsync(root.Id, "t")).Outcome);
        Assert.Equal(ApplianceRoles.Admin, (await service.ListAsync()).Single(u => u.Id == root.Id).Role);

        var invalid = await service.CreateAsync("not-an-email", "", "Superuser", "t");
        Assert.Equal(ServiceOutcome.Invalid, invalid.Outcome);
        Assert.Equal(["email", "password", "role"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        var weak = await service.CreateAsync("weak@example.com", "short", ApplianceRoles.Viewer, "t");
        Assert.Equal(ServiceOutcome.Invalid, weak.Outcome);
        Assert.Contains("at least 8 characters", string.Join(" ", weak.Messages), StringComparison.Ordinal);
        Assert.Equal(ServiceOutcome.Conflict, (await service.CreateAsync("ROOT@example.com", Password, ApplianceRoles.Viewer, "t")).Outcome);
    }
}
