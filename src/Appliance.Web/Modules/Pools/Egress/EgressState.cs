using Appliance.Mta.Egress;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>Every egress row of one context, tracked, so a change can be validated as a whole plan before it is saved.</summary>
public sealed class EgressState
{
    public required List<EgressSourceRecord> Sources { get; init; }
    public required List<EgressPoolRecord> Pools { get; init; }
    public required List<PoolAssignmentRecord> Assignments { get; init; }
    public EgressSettingsRecord? Settings { get; set; }

    public static async Task<EgressState> LoadAsync(ApplianceDbContext db, CancellationToken ct) => new()
    {
        Sources = await db.Sources.ToListAsync(ct),
        Pools = await db.Pools.Include(p => p.Members).ToListAsync(ct),
        Assignments = await db.Assignments.ToListAsync(ct),
        Settings = await db.EgressSettings.FirstOrDefaultAsync(r => r.Id == EgressSettingsRecord.SingletonId, ct),
    };

    /// <summary>The plan of these rows for the node <paramref name="localNode"/> (null outside a cluster).</summary>
    public EgressPlan Plan(string? localNode = null) => EgressPlanBuilder.Build(Sources, Pools, Assignments, Settings, localNode);

    public EgressSourceRecord? Source(string name) => Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public EgressPoolRecord? Pool(string name) => Pools.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
