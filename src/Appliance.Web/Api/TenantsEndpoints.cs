using System.Security.Claims;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Engine;
using Appliance.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Api;

/// <summary>/api/v1/tenants: list and create tenants.</summary>
public static class TenantsEndpoints
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapTenantsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants", ListAsync);
        api.MapGet("/tenants/{id}", GetAsync);
        api.MapPost("/tenants", CreateAsync).RequireAuthorization(ApiPolicies.Admin).RequireGlobalKey();
        return api;
    }

    /// <summary>Every tenant for a global key; only its own for a tenant-scoped key.</summary>
    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var own = TenantScope.Of(user);
        var tenants = await db.Tenants.AsNoTracking().Where(t => own == null || t.Id == own).ToListAsync(ct);
        return TypedResults.Ok(tenants.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(ToResponse));
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenant = TenantScope.CanAccess(user, id) ? await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) : null;
        return tenant is null ? ApiProblems.NotFound($"Tenant '{id}' does not exist.") : TypedResults.Ok(ToResponse(tenant));
    }

    private static async Task<IResult> CreateAsync(
        CreateTenantRequest request, IDbContextFactory<ApplianceDbContext> dbFactory, EfTenantDirectory directory, TimeProvider time, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        var errors = new ValidationErrors();
        if (name.Length == 0) errors.Add("name", "The name is required.");
        else if (name.Length > MaxNameLength) errors.Add("name", $"The name must be at most {MaxNameLength} characters.");
        else if (name.Any(char.IsControl)) errors.Add("name", "The name must not contain control characters.");
        if (!errors.IsValid) return errors.ToResult();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The Name column has NOCASE collation, so this comparison is case-insensitive in SQLite.
        if (await db.Tenants.AnyAsync(t => t.Name == name, ct)) return ApiProblems.Conflict($"A tenant named '{name}' already exists.");

        var existingIds = await db.Tenants.Select(t => t.Id).ToListAsync(ct);
        var tenant = new Tenant
        {
            Id = TenantIds.Create(name, id => existingIds.Contains(id, StringComparer.OrdinalIgnoreCase)),
            Name = name,
            DsnEnabled = request.DsnEnabled ?? true,
            CreatedAt = time.GetUtcNow(),
        };
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (SqliteErrors.IsUniqueViolation(e))
        {
            return ApiProblems.Conflict($"A tenant named '{name}' already exists.");
        }
        await directory.ReloadAsync(ct);
        return TypedResults.Created($"{ApiEndpoints.Prefix}/tenants/{tenant.Id}", ToResponse(tenant));
    }

    private static TenantResponse ToResponse(Tenant t) => new(t.Id, t.Name, t.DsnEnabled, t.CreatedAt);
}
