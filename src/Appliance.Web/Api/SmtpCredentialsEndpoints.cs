using System.Security.Claims;
using Appliance.Mta.Security;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Engine;
using Appliance.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Api;

/// <summary>/api/v1/tenants/{id}/smtp-credentials: SMTP AUTH identities. Only the SCRAM secret is stored.</summary>
public static class SmtpCredentialsEndpoints
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 1024;
    public const int MaxUsernameLength = 256;
    public static readonly IReadOnlyList<string> Streams = ["transactional", "marketing"];

    public static RouteGroupBuilder MapSmtpCredentialsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants/{id}/smtp-credentials", ListAsync);
        api.MapPost("/tenants/{id}/smtp-credentials", CreateAsync).RequireAuthorization(ApiPolicies.Admin);
        api.MapDelete("/tenants/{id}/smtp-credentials/{username}", DeleteAsync).RequireAuthorization(ApiPolicies.Admin);
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
        string id, CreateSmtpCredentialRequest request, ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory,
        EfSmtpCredentialStore store, TimeProvider time, CancellationToken ct)
    {
        var username = request.Username?.Trim() ?? "";
        var password = request.Password ?? "";
        var stream = string.IsNullOrWhiteSpace(request.Stream) ? null : request.Stream.Trim().ToLowerInvariant();
        var errors = new ValidationErrors();
        if (username.Length == 0) errors.Add("username", "The username is required.");
        else if (username.Length > MaxUsernameLength) errors.Add("username", $"The username must be at most {MaxUsernameLength} characters.");
        // RFC 4616 §2: the PLAIN authcid cannot carry NUL; spaces and controls would not survive AUTH LOGIN either.
        else if (username.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) errors.Add("username", "The username must not contain spaces or control characters.");
        if (password.Length < MinPasswordLength) errors.Add("password", $"The password must be at least {MinPasswordLength} characters.");
        else if (password.Length > MaxPasswordLength) errors.Add("password", $"The password must be at most {MaxPasswordLength} characters.");
        else if (password.Contains('\0', StringComparison.Ordinal)) errors.Add("password", "The password must not contain NUL.");
        if (stream is not null && !Streams.Contains(stream)) errors.Add("stream", $"The stream must be one of: {string.Join(", ", Streams)}.");
        if (!errors.IsValid) return errors.ToResult();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!TenantScope.CanAccess(user, id) || !await db.Tenants.AnyAsync(t => t.Id == id, ct)) return ApiProblems.NotFound($"Tenant '{id}' does not exist.");
        if (await db.SmtpCredentials.AnyAsync(c => c.Username == username, ct)) return ApiProblems.Conflict($"The username '{username}' is taken.");

        var entity = new SmtpCredentialEntity
        {
            TenantId = id,
            Username = username,
            Secret = ScramSecret.Create(password).Serialize(),
            Stream = stream,
            CreatedAt = time.GetUtcNow(),
        };
        db.SmtpCredentials.Add(entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (SqliteErrors.IsUniqueViolation(e))
        {
            return ApiProblems.Conflict($"The username '{username}' is taken.");
        }
        store.Invalidate(username);
        return TypedResults.Created($"{ApiEndpoints.Prefix}/tenants/{id}/smtp-credentials/{Uri.EscapeDataString(username)}", ToResponse(entity));
    }

    private static async Task<IResult> DeleteAsync(
        string id, string username, ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory, EfSmtpCredentialStore store, CancellationToken ct)
    {
        if (!TenantScope.CanAccess(user, id)) return ApiProblems.NotFound($"Tenant '{id}' has no credential '{username}'.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.SmtpCredentials.Where(c => c.TenantId == id && c.Username == username).ExecuteDeleteAsync(ct);
        store.Invalidate(username);
        return deleted == 0 ? ApiProblems.NotFound($"Tenant '{id}' has no credential '{username}'.") : TypedResults.NoContent();
    }

    private static SmtpCredentialResponse ToResponse(SmtpCredentialEntity c) => new(c.Username, c.TenantId, c.Stream, c.CreatedAt);
}
