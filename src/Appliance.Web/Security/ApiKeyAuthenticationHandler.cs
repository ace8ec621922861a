using System.Security.Claims;
using System.Text.Encodings.Web;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Security;

/// <summary>
/// The "ApiKey" scheme: <c>Authorization: Bearer &lt;key&gt;</c>, looked up by prefix and verified by hash.
/// Challenges and forbids answer with RFC 7807 problem details (401 / 403).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<ApplianceDbContext> dbFactory,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string TenantClaim = "tenant";

    /// <summary>The key's traffic stream, when it has one: mail it injects belongs to that stream (IP pools).</summary>
    public const string StreamClaim = "stream";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // RFC 6750 §2.1: "Bearer" scheme, case-insensitive.
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var key = header["Bearer ".Length..].Trim();
        if (key.Length == 0) return AuthenticateResult.Fail("Empty API key");

        var prefix = ApiKeyHasher.PrefixOf(key);
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var candidates = await db.ApiKeys.AsNoTracking().Where(k => k.Prefix == prefix).ToListAsync(Context.RequestAborted);
        var match = candidates.FirstOrDefault(k => ApiKeyHasher.Matches(key, k.Hash));
        if (match is null) return AuthenticateResult.Fail("Invalid API key");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, match.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, match.Name),
        };
        // The scope ("admin", "operator", "viewer") is the key's role; a tenant claim limits it to that tenant.
        if (Api.ApiKeyRoles.RoleOf(match.Scope) is { } role) claims.Add(new Claim(ClaimTypes.Role, role));
        if (match.TenantId is not null) claims.Add(new Claim(TenantClaim, match.TenantId));
        if (match.Stream is not null) claims.Add(new Claim(StreamClaim, match.Stream));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync("Unauthorized", "A valid API key is required: Authorization: Bearer <key>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync("Forbidden", "This API key is not allowed to perform this operation.");
    }

    private async Task WriteProblemAsync(string title, string detail)
    {
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = Response.StatusCode, Title = title, Detail = detail },
        });
    }
}
