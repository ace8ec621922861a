using Appliance.Web.Security;
using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Ui;

/// <summary>
/// Identity's changes (saved by UserManager through the scoped context) and their audit rows are stored in one
/// transaction: when either write fails, the user is as before.
/// </summary>
public sealed class UserAdminAuditTests : IDisposable
{
    private const string Password = "Str0ng!Passw0rd";
    private const string Actor = "user:root@example.com";

    private readonly ApplianceFactory _app = ApplianceFactory.WithSettings(new()
    {
        ["Appliance:Bootstrap:AdminEmail"] = "root@example.com",
        ["Appliance:Bootstrap:AdminPassword"] = Password,
    });

    public void Dispose() => _app.Dispose();

    /// <summary>A fresh scope per call: a failed call leaves its scoped context behind, as a request would.</summary>
    private UserAdminService Service() => _app.Services.CreateScope().ServiceProvider.GetRequiredService<UserAdminService>();

    [Fact]
    public async Task A_refused_audit_row_leaves_no_created_user()
    {
        await RefusedWrites.RefuseAsync(_app, "AuditLog");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Service().CreateAsync("ops@example.com", Password, ApplianceRoles.Operator, Actor));

        await using var db = _app.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "ops@example.com"));
    }

    [Fact]
    public async Task A_refused_role_row_leaves_no_user_without_a_role_and_no_audit_row()
    {
        await RefusedWrites.RefuseAsync(_app, "AspNetUserRoles");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Service().CreateAsync("ops@example.com", Password, ApplianceRoles.Operator, Actor));

        await using var db = _app.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "ops@example.com"));
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "user.create"));
    }

    [Fact]
    public async Task A_refused_audit_row_keeps_the_role_the_lock_and_the_user()
    {
        var id = (await Service().CreateAsync("ops@example.com", Password, ApplianceRoles.Operator, Actor)).Value!.Id;
        await RefusedWrites.RefuseAsync(_app, "AuditLog");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Service().SetRoleAsync(id, ApplianceRoles.Viewer, Actor));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Service().SetLockedAsync(id, true, Actor));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Service().DeleteAsync(id, Actor));

        var user = Assert.Single(await Service().ListAsync(), u => u.Id == id);
        Assert.Equal(ApplianceRoles.Operator, user.Role);
        Assert.False(user.LockedOut);
    }
}
