using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Modules.Pools.Shaping;
using Appliance.Web.Modules.Pools.Warmup;

namespace Appliance.Web.Modules.Pools;

/// <summary>
/// Start-up step <see cref="Startup.StartupSteps.Pools"/>, after the migrations and before the engine starts: seeds the warmup templates,
/// applies the stored egress plan (warning about owned sources whose address this host lacks) and shaping overrides, and sets today's warmup caps.
/// </summary>
public sealed class PoolsStartup(EgressService egress, EgressAddressCheck addresses, ShapingService shaping, WarmupService warmup, WarmupRuntime runtime)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await warmup.SeedTemplatesAsync(cancellationToken);
        await egress.ApplyStoredPlanAsync(cancellationToken);
        addresses.Run();
        await shaping.ApplyStoredOverridesAsync(cancellationToken);
        await runtime.TickAsync(cancellationToken);
    }
}
