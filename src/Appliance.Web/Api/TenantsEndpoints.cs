using System.Security.Claims;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Api;

/// <summary>/api/v1/tenants: list and create tenants.</summary>
public static class TenantsEndpoints
{
    public const int MaxNameLength = TenantService.MaxNameLength;

    public static RouteGroupBuilder MapTenantsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants", ListAsync).WithSummary("List tenants (a tenant-scoped key sees its own)").WithTags("Tenants");
        api.MapGet("/tenants/{id}", GetAsync).WithSummary("A tenant with its limits and current counts").WithTags("Tenants").ProducesProblem(404);
        api.MapPost("/tenants", CreateAsync).WithSummary("Create a tenant").WithTags("Tenants").ProducesProblem(400).ProducesProblem(409);
        api.MapPut("/tenants/{id}", UpdateAsync).WithSummary("Change a tenant's message limits").WithTags("Tenants").ProducesProblem(400).ProducesProblem(404);
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

    private static async Task<IResult> CreateAsync(CreateTenantRequest request, ClaimsPrincipal user, TenantService tenants, CancellationToken ct)
    {
        var limits = request.Limits;
        var result = await tenants.CreateAsync(request.Name, request.DsnEnabled, limits, AuditActors.Of(user), ct);
        return result.Succeeded
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/tenants/{result.Value!.Id}", result.Value)
            : result.ToProblem();
    }

    /// <summary>Replaces name, DSN flag and the hourly/daily message limits; new limits apply to the next message.</summary>
    private static async Task<IResult> UpdateAsync(string id, UpdateTenantRequest request, ClaimsPrincipal user, TenantService tenants, CancellationToken ct)
    {
        var limits = request.Limits;
        var result = await tenants.UpdateAsync(id, request.Name, request.DsnEnabled, limits, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    private static TenantResponse ToResponse(Tenant t) => TenantService.ToResponse(t);
}
