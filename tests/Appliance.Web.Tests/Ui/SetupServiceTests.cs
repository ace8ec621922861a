using Appliance.Web.Data.Entities;
using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Ui;

public sealed class SetupServiceTests
{
    private const string Password = "Str0ng!Passw0rd";

    [Fact]
    public async Task Setup_needs_the_token_a_qualified_hostname_and_a_strong_password_and_runs_once()
    {
        using var app = new ApplianceFactory();
        var state = app.Services.GetRequiredService<SetupState>();
        var token = (await File.ReadAllTextAsync(Path.Combine(app.DataDir, SetupState.TokenFileName))).Trim();
        using var scope = app.Services.CreateScope();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();

        Assert.False((await setup.CompleteAsync("not-the-token", "a@example.com", Password, "mail.example.com")).Succeeded);
        Assert.Contains("not a valid fully qualified host name", (await setup.CompleteAsync(token, "a@example.com", Password, "mail")).Errors.Single(), StringComparison.Ordinal);
        var weak = await setup.CompleteAsync(token, "a@example.com", "weak", "mail.example.com");
        Assert.False(weak.Succeeded);
        Assert.Contains(weak.Errors, e => e.Contains("at least 8", StringComparison.Ordinal));
        Assert.True(state.SetupRequired);

        var done = await setup.CompleteAsync(token, "a@example.com", Password, "Mail.Example.COM.");

        Assert.True(done.Succeeded);
        Assert.False(state.SetupRequired);
        Assert.False(File.Exists(Path.Combine(app.DataDir, SetupState.TokenFileName)));
        Assert.False((await setup.CompleteAsync(token, "b@example.com", Password, "mail.example.com")).Succeeded);
        await using var db = app.CreateDbContext();
        Assert.Equal("mail.example.com", (await db.Settings.SingleAsync(s => s.Key == SettingKeys.Hostname)).Value);
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task A_short_password_and_an_empty_hostname_are_both_reported_at_once()
    {
        using var app = new ApplianceFactory();
        var state = app.Services.GetRequiredService<SetupState>(); // starts the host, which writes the token
        var token = (await File.ReadAllTextAsync(Path.Combine(app.DataDir, SetupState.TokenFileName))).Trim();
        using var scope = app.Services.CreateScope();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();

        var result = await setup.CompleteAsync(token, "a@example.com", "short", "");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("hostname", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("at least 8", StringComparison.Ordinal));
        Assert.True(state.SetupRequired);
    }
}
