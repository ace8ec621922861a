using Appliance.Web.Data;
using Appliance.Web.Engine;
using Appliance.Web.Modules.BounceRules;
using Appliance.Web.Modules.Pools;
using Appliance.Web.Modules.Suppressions;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Appliance.Web.Services.EngineSettings;
using Appliance.Web.Services.TenantLimits;

namespace Appliance.Web.Startup;

/// <summary>
/// The host's start-up, as one ordered list (docs/architecture.md, "Host and engine"): each line is one
/// <see cref="IStartupStep"/>, run by <see cref="StartupRunner"/> in this order before the engine's hosted service
/// recovers the spool and binds the SMTP listeners. Migrating the database is always the first step. The services a
/// step calls are registered by their module; this list only decides when they run.
/// </summary>
public static class StartupSteps
{
    /// <summary>Step names, in run order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        MigrateDatabase, SuppressionIndex, BounceRules, TenantLimits, Pools, StoredHostname, EngineSettings, Bootstrap,
        RouteTable, TenantDirectory, ContentRetention,
    ];

    public const string MigrateDatabase = "migrate-database";
    public const string SuppressionIndex = "suppression-index";
    public const string BounceRules = "bounce-rules";
    public const string TenantLimits = "tenant-limits";
    public const string Pools = "pools";
    public const string StoredHostname = "stored-hostname";
    public const string EngineSettings = "engine-settings";
    public const string Bootstrap = "bootstrap";
    public const string RouteTable = "route-table";
    public const string TenantDirectory = "tenant-directory";
    public const string ContentRetention = "content-retention";

    /// <summary>Registers the runner and the steps (composition root: the only place steps are bound to services).</summary>
    public static IServiceCollection AddApplianceStartupSteps(this IServiceCollection services)
    {
        services.AddSingleton<ApplianceDatabaseInitializer>();
        // Core and module migrations, plaintext route passwords encrypted, WAL, the default tenant.
        services.AddStep<ApplianceDatabaseInitializer>(MigrateDatabase, (s, ct) => s.MigrateAsync(ct));
        // Suppressions, feedback settings and verified return-path domains in memory before the first RCPT.
        services.AddStep<SuppressionIndexLoader>(SuppressionIndex, (s, ct) => s.LoadAsync(ct));
        // Shipped or configured bounce rules plus the custom ones, into the engine's one classifier.
        services.AddStep<BounceRulesRuntime>(BounceRules, (s, ct) => s.ReloadAsync(ct));
        // Tenants' hourly/daily limits and the persisted usage of the last 24 hours.
        services.AddStep<TenantLimitsLoader>(TenantLimits, (s, ct) => s.LoadAsync(ct));
        // Warmup templates, the stored egress plan, shaping overrides, today's warmup caps.
        services.AddStep<PoolsStartup>(Pools, (s, ct) => s.RunAsync(ct));
        // The hostname stored by the setup wizard wins over configuration.
        services.AddStep<HostnameSetting>(StoredHostname, (s, ct) => s.ApplyStoredAsync(ct));
        services.AddStep<EngineSettingsService>(EngineSettings, (s, ct) => s.ApplyStoredAsync(ct));
        // Bootstrap admin and API key from configuration (scoped: Identity's managers and a DbContext).
        services.AddSingleton<IStartupStep>(sp => new StartupStep(Bootstrap, Order(Bootstrap), async ct =>
        {
            await using var scope = sp.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BootstrapProvisioner>().RunAsync(ct);
        }));
        services.AddStep<EfRouteTable>(RouteTable, (s, ct) => s.ReloadAsync(ct));
        services.AddStep<EfTenantDirectory>(TenantDirectory, (s, ct) => s.ReloadAsync(ct));
        // Which tenants keep message contents (docs/tenants.md, "Message inspection"), before the first message.
        services.AddStep<Modules.Inspection.ContentRetentionPolicies>(ContentRetention, (s, ct) => s.LoadAsync(ct));
        services.AddHostedService<StartupRunner>();
        return services;
    }

    /// <summary>The order of a named step: its position in <see cref="Names"/>, times 100.</summary>
    public static int Order(string name)
    {
        var index = Names.ToList().IndexOf(name);
        if (index < 0) throw new ArgumentException($"{name} is not in StartupSteps.Names", nameof(name));
        return (index + 1) * 100;
    }

    private static void AddStep<TService>(this IServiceCollection services, string name, Func<TService, CancellationToken, Task> run)
        where TService : notnull =>
        services.AddSingleton<IStartupStep>(sp => new StartupStep(name, Order(name), ct => run(sp.GetRequiredService<TService>(), ct)));
}
