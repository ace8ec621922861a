using System.Security.Claims;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Api;

/// <summary>
/// /api/v1/tenants/{id}/api-keys: tenant-scoped API keys, and /api/v1/api-keys: global keys (global Admin keys only),
/// over <see cref="ApiKeyService"/> (shared with the Tenants and API keys pages). The key is shown once in the 201
/// answer; only its prefix and SHA-256 are stored.
/// </summary>
public static class ApiKeysEndpoints
{
    public const int MaxNameLength = ApiKeyService.MaxNameLength;

    public static RouteGroupBuilder MapApiKeysEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants/{id}/api-keys", ListAsync).WithSummary("List a tenant's API keys (name, prefix, role; never the key)").WithTags("API keys").ProducesProblem(404);
        api.MapPost("/tenants/{id}/api-keys", CreateAsync).WithSummary("Create a tenant-scoped API key; the key is shown once in the answer").WithTags("API keys").ProducesProblem(400).ProducesProblem(404);
        api.MapDelete("/tenants/{id}/api-keys/{keyId:int}", DeleteAsync).WithSummary("Revoke a tenant's API key").WithTags("API keys").ProducesProblem(404);
        var global = api.MapGroup("/api-keys");
        global.MapGet("", async (ApiKeyService keys, CancellationToken ct) => TypedResults.Ok(await keys.ListGlobalAsync(ct)))
            .WithSummary("List global API keys (name, prefix, role; never the key)").WithTags("API keys");
        global.MapPost("", CreateGlobalAsync)
            .WithSummary("Create a global API key with a role; the key is shown once in the answer").WithTags("API keys").ProducesProblem(400);
        global.MapDelete("/{keyId:int}", DeleteGlobalAsync)
            .WithSummary("Revoke a global API key").WithTags("API keys").ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> CreateGlobalAsync(CreateApiKeyRequest request, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct)
    {
        var result = await keys.CreateGlobalAsync(request.Name, request.Role, AuditActors.Of(user), ct);
        return result.Succeeded
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/api-keys/{result.Value!.Id}", result.Value)
            : result.ToProblem();
    }

    private static async Task<IResult> DeleteGlobalAsync(int keyId, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct)
    {
        var result = await keys.RevokeGlobalAsync(keyId, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }

    private static async Task<IResult> ListAsync(string id, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct)
    {
        if (!TenantScope.CanAccess(user, id)) return ApiProblems.NotFound($"Tenant '{id}' does not exist.");
        var result = await keys.ListAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    private static async Task<IResult> CreateAsync(string id, CreateApiKeyRequest request, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct)
    {
        // A key scoped to another tenant sees the same 404 as for a tenant that does not exist.
        if (!TenantScope.CanAccess(user, id)) return ApiProblems.NotFound($"Tenant '{id}' does not exist.");
        var result = await keys.CreateAsync(id, request.Name, request.Role, AuditActors.Of(user), ct, request.Stream);
        return result.Succeeded
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/tenants/{id}/api-keys/{result.Value!.Id}", result.Value)
            : result.ToProblem();
    }

    private static async Task<IResult> DeleteAsync(string id, int keyId, ClaimsPrincipal user, ApiKeyService keys, CancellationToken ct)
    {
        if (!TenantScope.CanAccess(user, id)) return ApiProblems.NotFound($"Tenant '{id}' does not exist.");
        var result = await keys.RevokeAsync(id, keyId, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }
}
