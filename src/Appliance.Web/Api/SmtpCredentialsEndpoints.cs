using System.Security.Claims;
using Appliance.Mta.Security;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Engine;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Api;

/// <summary>/api/v1/tenants/{id}/smtp-credentials: SMTP AUTH identities. Only the SCRAM secret is stored.</summary>
public static class SmtpCredentialsEndpoints
{
    public const int MinPasswordLength = SmtpCredentialService.MinPasswordLength;
    public const int MaxPasswordLength = SmtpCredentialService.MaxPasswordLength;
    public const int MaxUsernameLength = SmtpCredentialService.MaxUsernameLength;
    public static readonly IReadOnlyList<string> Streams = SmtpCredentialService.Streams;

    public static RouteGroupBuilder MapSmtpCredentialsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants/{id}/smtp-credentials", ListAsync).WithSummary("List a tenant's SMTP AUTH usernames").WithTags("Tenants").ProducesProblem(404);
        api.MapPost("/tenants/{id}/smtp-credentials", CreateAsync).WithSummary("Create an SMTP AUTH credential (stored as SCRAM-SHA-256 keys)").WithTags("Tenants").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapDelete("/tenants/{id}/smtp-credentials/{username}", DeleteAsync).WithSummary("Delete an SMTP AUTH credential").WithTags("Tenants").ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> ListAsync(string id, ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!TenantScope.CanAccess(user, id) || !await db.Tenants.AnyAsync(t => t.Id == id, ct)) return ApiProblems.NotFound($"Tenant '{id}' does not exist.");
        var rows = await db.SmtpCredentials.AsNoTracking().Where(c => c.TenantId == id).ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(c => c.Username, StringComparer.OrdinalIgnoreCase).Select(ToResponse));
    }

    private static async Task<IResult> CreateAsync(
        string id, CreateSmtpCredentialRequest request, ClaimsPrincipal user, SmtpCredentialService credentials, CancellationToken ct)
    {
        // A tenant-scoped key sees other tenants as missing (404), after its input is validated.
        var result = await credentials.CreateAsync(id, request.Username, request.Password, request.Stream, AuditActors.Of(user), ct, tenantVisible: TenantScope.CanAccess(user, id));
        return result.Succeeded
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/tenants/{id}/smtp-credentials/{Uri.EscapeDataString(result.Value!.Username)}", result.Value)
            : result.ToProblem();
    }

    private static async Task<IResult> DeleteAsync(string id, string username, ClaimsPrincipal user, SmtpCredentialService credentials, CancellationToken ct)
    {
        if (!TenantScope.CanAccess(user, id)) return ApiProblems.NotFound($"Tenant '{id}' has no credential '{username}'.");
        var result = await credentials.DeleteAsync(id, username, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }

    private static SmtpCredentialResponse ToResponse(SmtpCredentialEntity c) => SmtpCredentialService.ToResponse(c);
}
