using System.Net;
using Appliance.Mta.Egress;

namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>
/// Turns the module's tables into the engine's <see cref="EgressPlan"/>. Empty tables give
/// <see cref="EgressPlan.Default"/> (with the stored overflow and shared-streams settings). When no stored pool is the
/// default pool, the implicit "default" pool over the implicit "default" source (kernel-chosen address, host name in
/// EHLO) is kept, so sources can be created before any pool and unassigned traffic still flows.
/// </summary>
public static class EgressPlanBuilder
{
    public static EgressPlan Build(IReadOnlyList<EgressSourceRecord> sources, IReadOnlyList<EgressPoolRecord> pools,
        IReadOnlyList<PoolAssignmentRecord> assignments, EgressSettingsRecord? settings, string? localNode = null)
    {
        var overflow = settings?.Overflow ?? WarmupOverflow.WarmSources;
        var shared = settings?.AllowSharedStreams ?? false;
        var defaultPool = string.IsNullOrWhiteSpace(settings?.DefaultPool) ? EgressPlan.DefaultName : settings!.DefaultPool!;
        if (sources.Count == 0 && pools.Count == 0 && assignments.Count == 0 && defaultPool == EgressPlan.DefaultName)
            return EgressPlan.Default with { Overflow = overflow, AllowSharedStreams = shared, LocalNode = localNode };

        var planSources = sources.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(s => new EgressSource(s.Name, s.BindAddress is { Length: > 0 } ip ? IPAddress.Parse(ip) : null, s.EhloName is { Length: > 0 } e ? e : null,
                s.Node is { Length: > 0 } n ? n : null))
            .ToList();
        var planPools = pools.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => new EgressPool(p.Name, p.Members.OrderBy(m => m.Source, StringComparer.OrdinalIgnoreCase).Select(m => new EgressPoolMember(m.Source, m.Weight)).ToList()))
            .ToList();
        if (string.Equals(defaultPool, EgressPlan.DefaultName, StringComparison.OrdinalIgnoreCase)
            && !planPools.Any(p => string.Equals(p.Name, EgressPlan.DefaultName, StringComparison.OrdinalIgnoreCase)))
        {
            if (!planSources.Any(s => string.Equals(s.Name, EgressPlan.DefaultName, StringComparison.OrdinalIgnoreCase)))
                planSources.Add(new EgressSource(EgressPlan.DefaultName));
            planPools.Add(new EgressPool(EgressPlan.DefaultName, [new EgressPoolMember(EgressPlan.DefaultName)]));
        }
        return new EgressPlan
        {
            Sources = planSources,
            Pools = planPools,
            Assignments = assignments.OrderBy(a => a.Id).Select(a => new PoolAssignment(a.TenantId, a.Stream, a.Pool)).ToList(),
            DefaultPool = defaultPool,
            Overflow = overflow,
            AllowSharedStreams = shared,
            LocalNode = localNode,
        };
    }
}
