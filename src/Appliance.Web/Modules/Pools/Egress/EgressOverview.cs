using Appliance.Mta.Egress;

namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>What pages show of the engine's live egress plan (read-only; the plan is edited through <see cref="EgressService"/>).</summary>
public sealed class EgressOverview(EgressConfiguration egress)
{
    /// <summary>The streams a tenant sends on (<see cref="EgressStreams.All"/>).</summary>
    public IReadOnlyList<string> Streams => EgressStreams.All;

    /// <summary>The pool the tenant's stream uses under the live plan.</summary>
    public string PoolFor(string tenantId, string stream) => egress.Plan.PoolFor(tenantId, stream);
}
