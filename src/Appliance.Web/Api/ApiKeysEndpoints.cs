using System.Security.Claims;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Api;

/// <summary>
/// /api/v1/tenants/{id}/api-keys: tenant-scoped API keys. The key is generated here and shown once in the 201
/// answer; only its prefix and SHA-256 are stored (<see cref="ApiKeyHasher"/>).
/// </summary>
public static class ApiKeysEndpoints
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapApiKeysEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants/{id}/api-keys", ListAsync);
        api.MapPost("/tenants/{id}/api-keys", CreateAsync).RequireAuthorization(ApiPolicies.Admin);
        api.MapDelete("/tenants/{id}/api-keys/{keyId:int}", DeleteAsync).RequireAuthorization(ApiPolicies.Admin);
        return api;
    }

    private static async Task<IResult> ListAsync(string id, ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!TenantScope.CanAccess(user, id) || !await db.Tenants.AnyAsync(t => t.Id == id, ct)) return ApiProblems.NotFound($"Tenant '{id}' does not exist.");
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == id).ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(k => k.Id).Select(k => new ApiKeyResponse(k.Id, k.Name, k.Scope, k.TenantId, k.Prefix, k.CreatedAt)));
    }

    private static async Task<IResult> CreateAsync(
        string id, CreateApiKeyRequest request, ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        var role = string.IsNullOrWhiteSpace(request.Role) ? ApiKeyRoles.OperatorScope : request.Role.Trim().ToLowerInvariant();
        var errors = new ValidationErrors();
        if (name.Length == 0) errors.Add("name", "The name is required.");
        else if (name.Length > MaxNameLength) errors.Add("name", $"The name must be at most {MaxNameLength} characters.");
        else if (name.Any(char.IsControl)) errors.Add("name", "The name must not contain control characters.");
        if (!ApiKeyRoles.Scopes.Contains(role)) errors.Add("role", $"The role must be one of: {string.Join(", ", ApiKeyRoles.Scopes)}.");
        if (!errors.IsValid) return errors.ToResult();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!TenantScope.CanAccess(user, id) || !await db.Tenants.AnyAsync(t => t.Id == id, ct)) return ApiProblems.NotFound($"Tenant '{id}' does not exist.");

        var key = ApiKeyHasher.Generate();
        var entity = new ApiKey
        {
            Name = name,
            Prefix = ApiKeyHasher.PrefixOf(key),
            Hash = ApiKeyHasher.Hash(key),
            Scope = role,
            TenantId = id,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(ct);
        // Never the key itself: the audit entry names it by id, name, role and prefix.
        await audit.RecordAsync(AuditActors.Of(user), "api-key.create", $"{id}/{entity.Id}", null, new { entity.Name, Role = entity.Scope, entity.Prefix }, ct);
        return TypedResults.Created(
            $"{ApiEndpoints.Prefix}/tenants/{id}/api-keys/{entity.Id}",
            new CreatedApiKeyResponse(entity.Id, entity.Name, entity.Scope, entity.TenantId, entity.Prefix, entity.CreatedAt, key));
    }

    private static async Task<IResult> DeleteAsync(string id, int keyId, ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory, IAuditLog audit, CancellationToken ct)
    {
        if (!TenantScope.CanAccess(user, id)) return ApiProblems.NotFound($"Tenant '{id}' does not exist.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.ApiKeys.Where(k => k.TenantId == id && k.Id == keyId).ExecuteDeleteAsync(ct);
        if (deleted > 0) await audit.RecordAsync(AuditActors.Of(user), "api-key.delete", $"{id}/{keyId}", null, null, ct);
        return deleted == 0 ? ApiProblems.NotFound($"Tenant '{id}' has no API key {keyId}.") : TypedResults.NoContent();
    }
}
