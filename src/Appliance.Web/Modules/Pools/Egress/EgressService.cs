using Appliance.Mta.Egress;
using Appliance.Web.Data;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>
/// Egress sources, pools, tenant assignments and settings for the API and the page. Every change is checked on its
/// fields, then the whole resulting plan is handed to the engine (<see cref="EgressConfiguration.Replace"/>): if the
/// engine refuses it (unknown source, streams sharing a source...) nothing is stored and its messages come back as the
/// "plan" field error. Changes are serialised and audited.
/// </summary>
public sealed partial class EgressService(IDbContextFactory<ApplianceDbContext> dbFactory, IDbContextFactory<ApplianceDbContext> appDb,
    EgressConfiguration configuration, IAuditLog audit, TimeProvider time, ILogger<EgressService> logger, EgressNode node)
{
    // One host, one gate: a static one would serialise (and couple) every host in a process, as the tests run them.
    private readonly SemaphoreSlim Gate = new(1, 1);

    public EgressPlan LivePlan => configuration.Plan;

    /// <summary>Builds the plan from the tables and applies it (at start); a stored plan the engine refuses is logged and the default kept.</summary>
    public async Task ApplyStoredPlanAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await EgressState.LoadAsync(db, ct);
        var errors = configuration.Replace(state.Plan(node.Name));
        if (errors.Count > 0) PoolsLog.EgressPlanInvalid(logger, string.Join(" ", errors));
    }

    public async Task<IReadOnlyList<EgressSourceDto>> ListSourcesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Sources.AsNoTracking().ToListAsync(ct)).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Select(ToDto).ToList();
    }

    public async Task<IReadOnlyList<PoolDto>> ListPoolsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Pools.AsNoTracking().Include(p => p.Members).ToListAsync(ct)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(ToDto).ToList();
    }

    public async Task<IReadOnlyList<PoolAssignmentDto>> ListAssignmentsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Assignments.AsNoTracking().ToListAsync(ct)).OrderBy(a => a.TenantId ?? "", StringComparer.Ordinal).ThenBy(a => a.Stream ?? "", StringComparer.Ordinal).Select(ToDto).ToList();
    }

    public async Task<EgressSettingsDto> GetSettingsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.EgressSettings.AsNoTracking().FirstOrDefaultAsync(r => r.Id == EgressSettingsRecord.SingletonId, ct) ?? new EgressSettingsRecord();
        return ToDto(s);
    }

    /// <summary>Runs one change: load everything tracked, mutate, let the engine validate and apply, then store and audit.</summary>
    private async Task<ServiceResult<T>> ChangeAsync<T>(Func<EgressState, ApplianceDbContext, Task<ServiceResult<T>?>> mutate, Func<T, (string Action, string Target, object? Before, object? After)> describe,
        string actor, CancellationToken ct, Func<T>? afterSave = null)
    {
        await Gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var state = await EgressState.LoadAsync(db, ct);
            var result = await mutate(state, db);
            if (result is null || !result.Succeeded) return result ?? throw new InvalidOperationException("No result.");
            var previous = configuration.Plan;
            var errors = configuration.Replace(state.Plan(node.Name));
            if (errors.Count > 0) return ServiceResult<T>.Invalid(new Dictionary<string, string[]> { ["plan"] = [.. errors] });
            try
            {
                // The change and its audit entry in one transaction (the entry may show ids the save generated).
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                if (afterSave is not null) result = ServiceResult<T>.Ok(afterSave());
                var (action, target, before, after) = describe(result.Value!);
                audit.Add(db, actor, action, target, before, after);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch
            {
                configuration.Replace(previous);
                throw;
            }
            return result;
        }
        finally
        {
            Gate.Release();
        }
    }

    private DateTimeOffset Now => time.GetUtcNow();

    public static EgressSourceDto ToDto(EgressSourceRecord s) => new(s.Name, s.BindAddress, s.EhloName, s.Node);

    public static PoolDto ToDto(EgressPoolRecord p) =>
        new(p.Name, p.Members.OrderBy(m => m.Source, StringComparer.OrdinalIgnoreCase).Select(m => new PoolMemberDto(m.Source, m.Weight)).ToList());

    public static PoolAssignmentDto ToDto(PoolAssignmentRecord a) => new(a.Id, a.TenantId, a.Stream, a.Pool);

    public static EgressSettingsDto ToDto(EgressSettingsRecord s) => new(s.DefaultPool, s.Overflow, s.AllowSharedStreams);
}
