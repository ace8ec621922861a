using Appliance.Web.Data.Modules;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Modules.Pools.Shaping;
using Appliance.Web.Modules.Pools.Warmup;

namespace Appliance.Web.Modules.Pools;

/// <summary>
/// Runs as a module migrator after the module's own migrations and before the engine starts: seeds the warmup templates,
/// applies the stored egress plan and shaping overrides, and sets today's warmup caps.
/// </summary>
public sealed class PoolsStartup(EgressService egress, ShapingService shaping, WarmupService warmup, WarmupRuntime runtime) : IModuleMigrator
{
    public string Module => "PoolsLoader";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await warmup.SeedTemplatesAsync(cancellationToken);
        await egress.ApplyStoredPlanAsync(cancellationToken);
        await shaping.ApplyStoredOverridesAsync(cancellationToken);
        await runtime.TickAsync(cancellationToken);
    }
}
