using Appliance.Web.Data.Entities;
using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Ui;

/// <summary>The wizard's administrator, hostname and audit row are stored in one transaction: a refused write stores none and setup can be run again.</summary>
public sealed class SetupAuditTests
{
    private const string Password = "Str0ng!Passw0rd";

    [Theory]
    [InlineData("AuditLog")]
    [InlineData("Settings")]
    public async Task A_refused_write_stores_no_administrator_and_leaves_setup_open(string refusedTable)
    {
        using var app = new ApplianceFactory();
        var state = app.Services.GetRequiredService<SetupState>();
        var token = (await File.ReadAllTextAsync(Path.Combine(app.DataDir, SetupState.TokenFileName))).Trim();
        await RefusedWrites.RefuseAsync(app, refusedTable);

        using (var scope = app.Services.CreateScope())
            await Assert.ThrowsAnyAsync<DbUpdateException>(() =>
                scope.ServiceProvider.GetRequiredService<SetupService>().CompleteAsync(token, "a@example.com", Password, "mail.example.com"));

        Assert.True(state.SetupRequired);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(0, await db.Users.CountAsync());
            Assert.False(await db.Settings.AnyAsync(s => s.Key == SettingKeys.Hostname));
            Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "setup.complete"));
        }

        await RefusedWrites.AllowAsync(app, refusedTable);
        using (var scope = app.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<SetupService>().CompleteAsync(token, "a@example.com", Password, "mail.example.com")).Succeeded);
        Assert.False(state.SetupRequired);
    }
}
