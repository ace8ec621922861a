using Appliance.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>Seeds users straight through Identity (the UI flows under test are elsewhere).</summary>
public static class Users
{
    public const string AdminEmail = "admin@example.com";
    public const string Password = "Str0ng!Passw0rd";

    /// <summary>A host whose bootstrap config created <see cref="AdminEmail"/> (no setup wizard).</summary>
    public static UiAppFactory WithAdmin(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Appliance:Bootstrap:AdminEmail"] = AdminEmail,
            ["Appliance:Bootstrap:AdminPassword"] = Password,
        };
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return new UiAppFactory(settings);
    }

    public static async Task CreateAsync(UiAppFactory app, string email, string role)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var user = new ApplianceUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }
}
