using Appliance.Web.Services;

namespace Appliance.Web.Modules.Pools.Egress;

public sealed partial class EgressService
{
    public Task<ServiceResult<PoolDto>> SavePoolAsync(string? name, PoolRequest request, bool create, string actor, CancellationToken ct = default)
    {
        name = (create ? request.Name : name)?.Trim();
        var errors = new FieldErrors();
        if (!EgressSyntax.IsValidName(name)) errors.Add("name", "The name must be 1-64 letters, digits, '-', '_' or '.'.");
        var members = request.Members ?? [];
        if (members.Count == 0) errors.Add("members", "A pool needs at least one member.");
        foreach (var m in members)
            if (m.Weight is <= 0 or > 10_000) errors.Add("members", $"The weight of '{m.Source}' must be between 1 and 10000.");
        if (members.GroupBy(m => m.Source?.Trim() ?? "", StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1)) errors.Add("members", "A source is listed twice.");
        if (!errors.IsValid) return Task.FromResult(errors.ToResult<PoolDto>());
        PoolDto? before = null;
        return ChangeAsync<PoolDto>((state, db) =>
        {
            var existing = state.Pool(name!);
            if (create && existing is not null) return Task.FromResult<ServiceResult<PoolDto>?>(ServiceResult<PoolDto>.Conflict($"A pool '{name}' already exists."));
            if (!create && existing is null) return Task.FromResult<ServiceResult<PoolDto>?>(ServiceResult<PoolDto>.NotFound($"No pool '{name}'."));
            before = existing is null ? null : ToDto(existing);
            if (existing is null)
            {
                existing = new EgressPoolRecord { Name = name! };
                state.Pools.Add(existing);
                db.Pools.Add(existing);
            }
            existing.Members.Clear();
            foreach (var m in members)
            {
                // Keep the stored source's spelling so the plan's names match exactly.
                var source = state.Source(m.Source?.Trim() ?? "")?.Name ?? m.Source?.Trim() ?? "";
                existing.Members.Add(new EgressPoolMemberRecord { PoolName = existing.Name, Source = source, Weight = m.Weight ?? 1 });
            }
            existing.UpdatedAt = Now;
            return Task.FromResult<ServiceResult<PoolDto>?>(ServiceResult<PoolDto>.Ok(ToDto(existing)));
        }, after => (before is null ? "pool.create" : "pool.update", after.Name, before, after), actor, ct);
    }

    public Task<ServiceResult<PoolDto>> DeletePoolAsync(string name, string actor, CancellationToken ct = default) =>
        ChangeAsync<PoolDto>((state, db) =>
        {
            var existing = state.Pool(name);
            if (existing is null) return Task.FromResult<ServiceResult<PoolDto>?>(ServiceResult<PoolDto>.NotFound($"No pool '{name}'."));
            state.Pools.Remove(existing);
            db.Pools.Remove(existing);
            return Task.FromResult<ServiceResult<PoolDto>?>(ServiceResult<PoolDto>.Ok(ToDto(existing)));
        }, deleted => ("pool.delete", deleted.Name, deleted, null), actor, ct);
}
