using Appliance.Tests;
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

    /// <summary>The CLI as an operator runs it: --data-dir, and on PostgreSQL runs the service's database in --config.</summary>
    private Task<CliRun> ResetAsync(params string[] args)
    {
        var settings = TestDatabase.Settings(factory.DataDir).ToDictionary(s => s.Key, s => s.Value);
        if (settings.Count == 0) return CliRun.RunAsync(["admin", "reset-password", .. args, "--data-dir", factory.DataDir]);
        var config = Path.Combine(factory.DataDir, "cli-appsettings.json");
        File.WriteAllText(config, System.Text.Json.JsonSerializer.Serialize(settings));
        return CliRun.RunAsync(["admin", "reset-password", .. args, "--data-dir", factory.DataDir, "--config", config]);
    }

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

    [Fact]
    public async Task Unreachable_postgresql_fails_with_a_clear_message()
    {
        var config = Path.Combine(factory.DataDir, "cli-unreachable.json");
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        File.WriteAllText(config, """{ "Appliance": { "Database": { "Provider": "postgresql", "ConnectionString": "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=2" } } }""");

        var run = await CliRun.RunAsync(["admin", "reset-password", "a@example.com", "--config", config, "--data-dir", factory.DataDir]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot use the PostgreSql database", run.Error);
        Assert.Equal("", run.Output);
    }
}
