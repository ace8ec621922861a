using Appliance.Mta.Egress;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Pools.Egress;

public sealed partial class EgressService
{
    public async Task<ServiceResult<PoolAssignmentDto>> SaveAssignmentAsync(int? id, PoolAssignmentRequest request, string actor, CancellationToken ct = default)
    {
        var tenant = string.IsNullOrWhiteSpace(request.TenantId) ? null : request.TenantId.Trim();
        var stream = string.IsNullOrWhiteSpace(request.Stream) ? null : request.Stream.Trim().ToLowerInvariant();
        var pool = request.Pool?.Trim() ?? "";
        var errors = new FieldErrors();
        if (!EgressStreams.IsValid(stream)) errors.Add("stream", "The stream must be transactional, marketing or empty (both).");
        if (pool.Length == 0) errors.Add("pool", "Name the pool.");
        if (tenant is not null)
        {
            await using var app = await appDb.CreateDbContextAsync(ct);
            if (!await app.Tenants.AnyAsync(t => t.Id == tenant, ct)) errors.Add("tenantId", $"No tenant '{tenant}'.");
        }
        if (!errors.IsValid) return errors.ToResult<PoolAssignmentDto>();
        PoolAssignmentDto? before = null;
        PoolAssignmentRecord? saved = null;
        return await ChangeAsync<PoolAssignmentDto>((state, db) =>
        {
            var existing = id is null ? null : state.Assignments.FirstOrDefault(a => a.Id == id);
            if (id is not null && existing is null) return Task.FromResult<ServiceResult<PoolAssignmentDto>?>(ServiceResult<PoolAssignmentDto>.NotFound($"No pool assignment {id}."));
            if (state.Assignments.Any(a => a != existing && a.TenantId == tenant && a.Stream == stream))
                return Task.FromResult<ServiceResult<PoolAssignmentDto>?>(ServiceResult<PoolAssignmentDto>.Conflict(
                    $"Tenant '{tenant ?? "(any)"}' already has an assignment for stream '{stream ?? "(both)"}'."));
            before = existing is null ? null : ToDto(existing);
            if (existing is null)
            {
                existing = new PoolAssignmentRecord { Pool = pool };
                state.Assignments.Add(existing);
                db.Assignments.Add(existing);
            }
            existing.TenantId = tenant;
            existing.Stream = stream;
            existing.Pool = state.Pool(pool)?.Name ?? pool;
            saved = existing;
            return Task.FromResult<ServiceResult<PoolAssignmentDto>?>(ServiceResult<PoolAssignmentDto>.Ok(ToDto(existing)));
        }, after => (before is null ? "pool-assignment.create" : "pool-assignment.update", $"{after.TenantId ?? "*"}/{after.Stream ?? "*"}", before, after),
            actor, ct, () => ToDto(saved!)); // the id of a new row is known after SaveChanges
    }

    public Task<ServiceResult<PoolAssignmentDto>> DeleteAssignmentAsync(int id, string actor, CancellationToken ct = default) =>
        ChangeAsync<PoolAssignmentDto>((state, db) =>
        {
            var existing = state.Assignments.FirstOrDefault(a => a.Id == id);
            if (existing is null) return Task.FromResult<ServiceResult<PoolAssignmentDto>?>(ServiceResult<PoolAssignmentDto>.NotFound($"No pool assignment {id}."));
            state.Assignments.Remove(existing);
            db.Assignments.Remove(existing);
            return Task.FromResult<ServiceResult<PoolAssignmentDto>?>(ServiceResult<PoolAssignmentDto>.Ok(ToDto(existing)));
        }, deleted => ("pool-assignment.delete", $"{deleted.TenantId ?? "*"}/{deleted.Stream ?? "*"}", deleted, null), actor, ct);
}
