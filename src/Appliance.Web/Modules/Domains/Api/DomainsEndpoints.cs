using System.Security.Claims;
using Appliance.Web.Api;
using Appliance.Web.Modules.Domains.Contracts;
using Appliance.Web.Modules.Domains.Rotation;
using Appliance.Web.Modules.Domains.Services;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Domains.Api;

/// <summary>
/// /api/v1 sending domains: per tenant list/add and sending policy; per domain details, settings, delete, DNS
/// records with live checks (and their history), and "rotate now". A tenant-scoped key sees only its tenant's
/// domains (others answer 404, as if they did not exist).
/// </summary>
public static class DomainsEndpoints
{
    public static RouteGroupBuilder MapDomainsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants/{id}/domains", ListAsync).WithSummary("List a tenant's sending domains").WithTags("Domains and DKIM").ProducesProblem(404);
        api.MapPost("/tenants/{id}/domains", CreateAsync).WithSummary("Add a sending domain with its first DKIM key(s)").WithTags("Domains and DKIM").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/tenants/{id}/sending-policy", GetPolicyAsync).WithSummary("A tenant's From-domain enforcement").WithTags("Domains and DKIM").ProducesProblem(404);
        api.MapPut("/tenants/{id}/sending-policy", SetPolicyAsync).WithSummary("Change a tenant's From-domain enforcement").WithTags("Domains and DKIM").ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/domains/{name}", GetAsync).WithSummary("A sending domain: selectors, DNS records, rotation steps, health").WithTags("Domains and DKIM").ProducesProblem(404);
        api.MapPut("/domains/{name}/settings", UpdateAsync).WithSummary("Change a domain's return path or DKIM algorithm").WithTags("Domains and DKIM").ProducesProblem(400).ProducesProblem(404);
        api.MapDelete("/domains/{name}", DeleteAsync).WithSummary("Delete a sending domain and its keys").WithTags("Domains and DKIM").ProducesProblem(404);
        api.MapGet("/domains/{name}/dns", DnsAsync).WithSummary("Run the domain's DNS checks now and return the records to publish").WithTags("Domains and DKIM").ProducesProblem(404);
        api.MapGet("/domains/{name}/dns/history", HistoryAsync).WithSummary("Stored DNS check runs, newest first").WithTags("Domains and DKIM").ProducesProblem(400).ProducesProblem(404);
        api.MapPost("/domains/{name}/dkim/rotate", RotateAsync).WithSummary("Start a DKIM key rotation now").WithTags("Domains and DKIM").ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    private static async Task<IResult> ListAsync(string id, ClaimsPrincipal user, DomainService domains, CancellationToken ct) =>
        TenantScope.CanAccess(user, id) ? TypedResults.Ok(await domains.ListAsync(id, ct)) : TenantNotFound(id);

    private static async Task<IResult> CreateAsync(string id, CreateDomainRequest request, ClaimsPrincipal user, DomainService domains, CancellationToken ct)
    {
        if (!TenantScope.CanAccess(user, id)) return TenantNotFound(id);
        var result = await domains.CreateAsync(id, request, AuditActors.Of(user), ct);
        return result.Succeeded
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/domains/{Uri.EscapeDataString(result.Value!.Name)}", result.Value)
            : result.ToProblem();
    }

    private static async Task<IResult> GetPolicyAsync(string id, ClaimsPrincipal user, DomainService domains, CancellationToken ct) =>
        TenantScope.CanAccess(user, id) ? TypedResults.Ok(await domains.GetPolicyAsync(id, ct)) : TenantNotFound(id);

    private static async Task<IResult> SetPolicyAsync(string id, SendingPolicyRequest request, ClaimsPrincipal user, DomainService domains, CancellationToken ct)
    {
        if (!TenantScope.CanAccess(user, id)) return TenantNotFound(id);
        var result = await domains.SetPolicyAsync(id, request.Enforcement, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    private static async Task<IResult> GetAsync(string name, ClaimsPrincipal user, DomainService domains, CancellationToken ct) =>
        await VisibleAsync(name, user, domains, ct) is { } d ? TypedResults.Ok(d) : DomainNotFound(name);

    private static async Task<IResult> UpdateAsync(string name, UpdateDomainRequest request, ClaimsPrincipal user, DomainService domains, CancellationToken ct)
    {
        if (await VisibleAsync(name, user, domains, ct) is null) return DomainNotFound(name);
        var result = await domains.UpdateAsync(name, request, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    private static async Task<IResult> DeleteAsync(string name, ClaimsPrincipal user, DomainService domains, CancellationToken ct)
    {
        if (await VisibleAsync(name, user, domains, ct) is null) return DomainNotFound(name);
        var result = await domains.DeleteAsync(name, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }

    private static async Task<IResult> DnsAsync(string name, ClaimsPrincipal user, DomainService domains, DomainHealthService health, CancellationToken ct)
    {
        if (await VisibleAsync(name, user, domains, ct) is null) return DomainNotFound(name);
        return await health.CheckAsync(name, ct) is { } report ? TypedResults.Ok(report) : DomainNotFound(name);
    }

    private static async Task<IResult> HistoryAsync(string name, int? take, ClaimsPrincipal user, DomainService domains, DomainHealthService health, CancellationToken ct)
    {
        if (await VisibleAsync(name, user, domains, ct) is null) return DomainNotFound(name);
        return TypedResults.Ok(await health.HistoryAsync(name, Math.Clamp(take ?? 20, 1, 200), ct));
    }

    private static async Task<IResult> RotateAsync(string name, ClaimsPrincipal user, DomainService domains, DkimRotationService rotation, CancellationToken ct)
    {
        if (await VisibleAsync(name, user, domains, ct) is null) return DomainNotFound(name);
        var result = await rotation.RotateNowAsync(name, AuditActors.Of(user), ct);
        if (!result.Succeeded) return result.ToProblem();
        return TypedResults.Accepted($"{ApiEndpoints.Prefix}/domains/{Uri.EscapeDataString(name)}", await domains.GetAsync(name, ct));
    }

    private static async Task<Contracts.DomainResponse?> VisibleAsync(string name, ClaimsPrincipal user, DomainService domains, CancellationToken ct) =>
        await domains.GetAsync(name, ct) is { } d && TenantScope.CanAccess(user, d.TenantId) ? d : null;

    private static IResult TenantNotFound(string id) => ApiProblems.NotFound($"Tenant '{id}' does not exist.");

    private static IResult DomainNotFound(string name) => ApiProblems.NotFound($"Sending domain '{name}' does not exist.");
}
