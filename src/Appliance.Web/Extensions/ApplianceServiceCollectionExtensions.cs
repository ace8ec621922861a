using Appliance.Mta.Configuration;
using Appliance.Mta.Dns;
using Appliance.Mta.Security;
using Appliance.Web.Data;
using Appliance.Web.Data.Storage;
using Appliance.Web.Engine;
using Appliance.Web.Security;
using Appliance.Web.Startup;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Extensions;

/// <summary>The service registrations <see cref="ApplianceHostExtensions.AddApplianceHost"/> is made of.</summary>
public static class ApplianceServiceCollectionExtensions
{
    public const string DatabaseFileName = "appliance.db";

    /// <summary>
    /// EF Core over the configured database (Appliance:Database: SQLite at {DataDir}/appliance.db by default, or
    /// PostgreSQL), the Identity EF stores, sign-in manager and TOTP tokens.
    /// </summary>
    public static IServiceCollection AddApplianceData(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = options.Provider switch
            {
                DatabaseProvider.PostgreSql => string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                        ["Appliance:Database:ConnectionString is required when Appliance:Database:Provider is postgresql"])
                    : options.ConnectionString,
                _ => string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? ApplianceDatabase.SqliteConnectionString(DatabasePath(sp.GetRequiredService<IOptions<MtaOptions>>().Value))
                    : options.ConnectionString,
            };
            var logging = sp.GetRequiredService<ILoggerFactory>();
            // Cluster mode: every settings write bumps its area's version in the same transaction (docs/cluster.md).
            var versions = sp.GetService<Cluster.Settings.SettingsVersionInterceptor>();
            return new ApplianceDatabase(options.Provider, connectionString, b =>
            {
                b.UseLoggerFactory(logging);
                if (versions is not null) b.AddInterceptors(versions);
            });
        });
        services.TryAddSingleton<IDbContextFactory<ApplianceDbContext>, ApplianceDbContextFactory>();
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext());
        services.AddIdentityCore<ApplianceUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = 8;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ApplianceDbContext>()
            .AddClaimsPrincipalFactory<Security.Scope.ApplianceUserClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        return services;
    }

    /// <summary>
    /// Data Protection keys under {DataDir}/keys: without it every restart would log users out and make protected
    /// secrets unreadable. The key ring is stored unencrypted on purpose (<see cref="DataProtectionKeyStore"/>).
    /// </summary>
    public static IServiceCollection AddApplianceDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Appliance");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<MtaOptions>, ILoggerFactory>((o, mta, logging) =>
            DataProtectionKeyStore.Configure(o, mta.Value.DataDir, logging));
        return services;
    }

    /// <summary>
    /// The Identity cookies (default scheme, for the UI) and the "ApiKey" scheme. Who may call which endpoint is declared
    /// once, in <see cref="Security.Access.EndpointAccessTable"/> (enforced by its middleware): /api/v1 takes keys only
    /// and answers 401/403 problems; endpoints declare no policies of their own.
    /// </summary>
    public static IServiceCollection AddApplianceSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddAuthorization();
        // The caller's scope (global or one tenant) for the API and the pages alike.
        services.AddHttpContextAccessor();
        services.AddScoped<Security.Scope.ICallerScope, Security.Scope.HttpCallerScope>();
        return services;
    }

    /// <summary>Migrations, bootstrap and snapshot loading before the engine starts: the ordered <see cref="StartupSteps"/>.</summary>
    public static IServiceCollection AddApplianceStartup(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApplianceStartupState>();
        services.AddScoped<BootstrapProvisioner>();
        services.AddSingleton(typeof(Scoped<>));
        services.AddApplianceStartupSteps();
        return services;
    }

    /// <summary>
    /// The engine's host-provided services over the settings database. Registered after AddMtaEngine and replacing
    /// whatever it registered, so the engine always sees the database.
    /// </summary>
    public static IServiceCollection AddEngineAdapters(this IServiceCollection services)
    {
        services.TryAddSingleton<EfSmtpCredentialStore>();
        services.TryAddSingleton<RoutePasswordProtector>();
        services.TryAddSingleton<RoutePasswordUpgrade>();
        services.TryAddSingleton<EfRouteTable>();
        services.TryAddSingleton<EfTenantDirectory>();
        // The cluster's internal hand-over identity (issue 19, draining) in front of the tenants' credentials.
        services.RemoveAll<ISmtpCredentialStore>().AddSingleton<ISmtpCredentialStore>(sp =>
            new Cluster.Drain.HandoverCredentials(sp.GetRequiredService<EfSmtpCredentialStore>(), sp.GetRequiredService<IOptions<Cluster.ClusterOptions>>()));
        services.RemoveAll<IRouteTable>().AddSingleton<IRouteTable>(sp => sp.GetRequiredService<EfRouteTable>());
        services.RemoveAll<ITenantDirectory>().AddSingleton<ITenantDirectory>(sp => sp.GetRequiredService<EfTenantDirectory>());
        return services;
    }

    /// <summary>The absolute path of the database file; creates the data folder.</summary>
    public static string DatabasePath(MtaOptions options)
    {
        var dir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, DatabaseFileName);
    }
}
