using Appliance.Web.Api;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services;

/// <summary>
/// API keys: tenant-scoped ones for /api/v1/tenants/{id}/api-keys and the Tenants page, global ones (no tenant:
/// every endpoint, including the appliance-wide ones) for /api/v1/api-keys and the API keys page. The key is generated
/// here and returned once; only its prefix and SHA-256 are stored (<see cref="ApiKeyHasher"/>). Create and revoke are
/// audited without the key itself.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<ApplianceDbContext> dbFactory, IAuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 100;

    public async Task<ServiceResult<IReadOnlyList<ApiKeyResponse>>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct)) return ServiceResult<IReadOnlyList<ApiKeyResponse>>.NotFound($"Tenant '{tenantId}' does not exist.");
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == tenantId).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<ApiKeyResponse>>.Ok(rows.OrderBy(k => k.Id).Select(ToResponse).ToList());
    }

    /// <summary>Global keys (no tenant), oldest first.</summary>
    public async Task<IReadOnlyList<ApiKeyResponse>> ListGlobalAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == null).ToListAsync(ct);
        return rows.OrderBy(k => k.Id).Select(ToResponse).ToList();
    }

    /// <summary>A global key: it reaches every endpoint its role allows, appliance-wide ones included.</summary>
    public Task<ServiceResult<CreatedApiKeyResponse>> CreateGlobalAsync(string? name, string? role, string actor, CancellationToken ct = default) =>
        CreateCoreAsync(null, name, role, actor, null, ct);

    /// <summary>Deletes a global key: the next request with it gets 401.</summary>
    public async Task<ServiceResult<bool>> RevokeGlobalAsync(int keyId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.TenantId == null && k.Id == keyId, ct);
        if (key is null) return ServiceResult<bool>.NotFound($"There is no global API key {keyId}.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ApiKeys.Where(k => k.Id == keyId).ExecuteDeleteAsync(ct);
        audit.Add(db, actor, "api-key.delete", $"global/{keyId}", new { key.Name, Role = key.Scope, key.Prefix }, null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    public Task<ServiceResult<CreatedApiKeyResponse>> CreateAsync(string tenantId, string? name, string? role, string actor, CancellationToken ct = default, string? stream = null) =>
        CreateCoreAsync(tenantId, name, role, actor, stream, ct);

    private async Task<ServiceResult<CreatedApiKeyResponse>> CreateCoreAsync(string? tenantId, string? name, string? role, string actor, string? stream, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        role = string.IsNullOrWhiteSpace(role) ? ApiKeyRoles.OperatorScope : role.Trim().ToLowerInvariant();
        var errors = new FieldErrors();
        if (name.Length == 0) errors.Add("name", "The name is required.");
        else if (name.Length > MaxNameLength) errors.Add("name", $"The name must be at most {MaxNameLength} characters.");
        else if (name.Any(char.IsControl)) errors.Add("name", "The name must not contain control characters.");
        if (!ApiKeyRoles.Scopes.Contains(role)) errors.Add("role", $"The role must be one of: {string.Join(", ", ApiKeyRoles.Scopes)}.");
        stream = string.IsNullOrWhiteSpace(stream) ? null : stream.Trim().ToLowerInvariant();
        if (!Appliance.Mta.Egress.EgressStreams.IsValid(stream)) errors.Add("stream", "The stream must be transactional or marketing (or empty).");
        if (!errors.IsValid) return errors.ToResult<CreatedApiKeyResponse>();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (tenantId is not null && !await db.Tenants.AnyAsync(t => t.Id == tenantId, ct)) return ServiceResult<CreatedApiKeyResponse>.NotFound($"Tenant '{tenantId}' does not exist.");
        var key = ApiKeyHasher.Generate();
        var entity = new ApiKey
        {
            Name = name,
            Prefix = ApiKeyHasher.PrefixOf(key),
            Hash = ApiKeyHasher.Hash(key),
            Scope = role,
            TenantId = tenantId,
            Stream = stream,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(entity);
        // The target names the key by its generated id (evaluated after the save); never the key itself in the entry.
        await audit.SaveChangesAsync(db, actor, "api-key.create", () => $"{tenantId ?? "global"}/{entity.Id}", null, () => new { entity.Name, Role = entity.Scope, entity.Prefix, entity.Stream }, ct);
        return ServiceResult<CreatedApiKeyResponse>.Ok(new CreatedApiKeyResponse(entity.Id, entity.Name, entity.Scope, entity.TenantId, entity.Prefix, entity.CreatedAt, key, entity.Stream));
    }

    /// <summary>Deletes the key: the next request with it gets 401.</summary>
    public async Task<ServiceResult<bool>> RevokeAsync(string tenantId, int keyId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.TenantId == tenantId && k.Id == keyId, ct);
        if (key is null) return ServiceResult<bool>.NotFound($"Tenant '{tenantId}' has no API key {keyId}.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ApiKeys.Where(k => k.Id == keyId).ExecuteDeleteAsync(ct);
        audit.Add(db, actor, "api-key.delete", $"{tenantId}/{keyId}", new { key.Name, Role = key.Scope, key.Prefix }, null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    public static ApiKeyResponse ToResponse(ApiKey k) => new(k.Id, k.Name, k.Scope, k.TenantId, k.Prefix, k.CreatedAt, k.Stream);
}
