using Appliance.Web.Data;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Cli;

public sealed class AdminResetPasswordCommandTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    private async Task<ApplianceUser> CreateUserAsync(string email, string password, bool locked = false)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var user = new ApplianceUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        if (locked)
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddDays(1));
        }
        return user;
    }

    private async Task<(bool PasswordOk, bool LockedOut)> CheckAsync(string email, string password)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        return (await users.CheckPasswordAsync(user, password), await users.IsLockedOutAsync(user));
    }

    private Task<CliRun> ResetAsync(params string[] args) =>
        CliRun.RunAsync(["admin", "reset-password", .. args, "--data-dir", factory.DataDir]);

    [Fact]
    public async Task Generated_password_is_printed_and_lets_the_user_sign_in()
    {
        await CreateUserAsync("gen@example.com", "Old-Passw0rd!");

        var run = await ResetAsync("gen@example.com");

        Assert.Equal(0, run.ExitCode);
        var password = run.Output.Trim().Split('\n').Last().Trim();
        Assert.True(password.Length >= 20, run.Output);
        var (newOk, _) = await CheckAsync("gen@example.com", password);
        var (oldOk, _) = await CheckAsync("gen@example.com", "Old-Passw0rd!");
        Assert.True(newOk);
        Assert.False(oldOk);
    }

    [Fact]
    public async Task Given_password_is_set_and_a_locked_user_is_unlocked()
    {
        await CreateUserAsync("locked@example.com", "Old-Passw0rd!", locked: true);
        Assert.True((await CheckAsync("locked@example.com", "Old-Passw0rd!")).LockedOut);

        var run = await ResetAsync("locked@example.com", "--password", "New-Passw0rd!2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("New-Passw0rd!2", run.Output);
        var (ok, lockedOut) = await CheckAsync("locked@example.com", "New-Passw0rd!2");
        Assert.True(ok);
        Assert.False(lockedOut);
    }

    [Fact]
    public async Task Unknown_email_fails()
    {
        var run = await ResetAsync("nobody@example.com");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no user", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Weak_password_is_refused_and_the_old_one_still_works()
    {
        await CreateUserAsync("weak@example.com", "Old-Passw0rd!");

        var run = await ResetAsync("weak@example.com", "--password", "short");

        Assert.Equal(1, run.ExitCode);
        Assert.True((await CheckAsync("weak@example.com", "Old-Passw0rd!")).PasswordOk);
    }

    [Fact]
    public async Task Missing_database_fails()
    {
        var empty = Directory.CreateTempSubdirectory("appliance-cli-empty-").FullName;
        try
        {
            var run = await CliRun.RunAsync(["admin", "reset-password", "a@example.com", "--data-dir", empty]);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("no database", run.Error);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
