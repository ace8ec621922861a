using System.Data.Common;
using System.Security.Cryptography;
using Appliance.Mta.Configuration;
using Appliance.Web.Data;
using Appliance.Web.Data.Storage;
using Appliance.Web.Extensions;
using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Cli;

/// <summary>
/// `appliance admin reset-password EMAIL [--password P] [--config FILE] [--data-dir DIR]` (offline, on the box):
/// opens the configured settings database (SQLite in DataDir, or Appliance:Database's PostgreSQL) through the host's own Identity registrations (no web host, no engine),
/// sets a new password, clears the lockout and prints the password once. Exit 1 when there is no such user.
/// </summary>
public sealed class AdminResetPasswordCommand(TextWriter output, TextWriter error)
{
    public const string DefaultConfigFile = "/etc/appliance/appsettings.json";

    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "password", "config", "data-dir" };

    public const string Usage = """
        Usage: appliance admin reset-password EMAIL [--password PASSWORD] [--config FILE] [--data-dir DIR]
          Sets a new password (generated unless --password is given), unlocks the user and prints the password.
          FILE defaults to /etc/appliance/appsettings.json; DIR to its Appliance:DataDir.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var parsed = CliArgs.Parse(args, new HashSet<string>());
        var unknown = parsed.Unknown(Known).FirstOrDefault();
        if (parsed.Error is not null || unknown is not null || parsed.Positional.Count != 1)
        {
            await error.WriteLineAsync("admin reset-password: " + (parsed.Error ?? (unknown is not null ? $"unknown option --{unknown}" : "expected one e-mail address")));
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var email = parsed.Positional[0];

        var configuration = BuildConfiguration(parsed.Get("config"), parsed.Get("data-dir"));
        var options = configuration.GetSection(MtaOptions.Section).Get<MtaOptions>() ?? new MtaOptions();
        var databaseOptions = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var database = Path.Combine(Path.GetFullPath(options.DataDir), ApplianceServiceCollectionExtensions.DatabaseFileName);
        if (databaseOptions.Provider == DatabaseProvider.Sqlite && databaseOptions.ConnectionString is null && !File.Exists(database))
        {
            await error.WriteLineAsync($"admin reset-password: no database at {database} (has the service run once? is DataDir right?)");
            return 1;
        }

        try
        {
            return await ResetAsync(configuration, email, parsed.Get("password"));
        }
        catch (Exception e) when (e is DbException || e.InnerException is DbException)
        {
            // A PostgreSQL server that is down or a database that was never created (EF's retrying strategy wraps the
            // provider's exception): say so, no stack trace.
            var cause = e as DbException ?? (DbException)e.InnerException!;
            await error.WriteLineAsync($"admin reset-password: cannot use the {databaseOptions.Provider} database: {cause.Message}");
            return 1;
        }
    }

    private async Task<int> ResetAsync(IConfiguration configuration, string email, string? givenPassword)
    {
        await using var provider = BuildServices(configuration);
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await error.WriteLineAsync($"admin reset-password: no user with e-mail '{email}'");
            return 1;
        }

        var password = givenPassword ?? GeneratePassword();
        // The reset token also rotates the security stamp, so sessions signed in with the old password end.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) await error.WriteLineAsync($"admin reset-password: {e.Description}");
            return 1;
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);

        await output.WriteLineAsync($"Password of {user.Email} reset; the account is unlocked. New password (shown once):");
        await output.WriteLineAsync(password);
        return 0;
    }

    /// <summary>The service's configuration file (when present), its environment variables, then --data-dir.</summary>
    public static IConfigurationRoot BuildConfiguration(string? configFile, string? dataDir)
    {
        var builder = new ConfigurationBuilder();
        var file = configFile ?? (File.Exists(DefaultConfigFile) ? DefaultConfigFile : null);
        if (file is not null) builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        builder.AddEnvironmentVariables();
        if (dataDir is not null) builder.AddInMemoryCollection(new Dictionary<string, string?> { [MtaOptions.Section + ":DataDir"] = dataDir });
        return builder.Build();
    }

    /// <summary>The host's data and Identity registrations over the configured DataDir; nothing is started.</summary>
    public static ServiceProvider BuildServices(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.Configure<MtaOptions>(configuration.GetSection(MtaOptions.Section));
        services.AddApplianceData();
        services.AddApplianceDataProtection();
        return services.BuildServiceProvider();
    }

    /// <summary>20 random characters in groups of five, e.g. "k7RfQ-2mXwa-...": upper, lower, digit and '-'.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        while (true)
        {
            var chars = RandomNumberGenerator.GetItems<char>(alphabet, 20);
            var password = string.Join('-', chars.Chunk(5).Select(c => new string(c)));
            if (password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit)) return password;
        }
    }
}
