using Appliance.Mta.Delivery;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Engine;
using Appliance.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Api;

/// <summary>/api/v1/routes: static routes (upsert by domain, list, delete); the engine's snapshot is reloaded after each change.</summary>
public static class RoutesEndpoints
{
    public static RouteGroupBuilder MapRoutesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/routes", ListAsync);
        api.MapPost("/routes", UpsertAsync).RequireAuthorization(ApiPolicies.Admin);
        api.MapDelete("/routes/{domain}", DeleteAsync).RequireAuthorization(ApiPolicies.Admin);
        return api;
    }

    private static async Task<IResult> ListAsync(IDbContextFactory<ApplianceDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Routes.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(r => r.Domain, StringComparer.Ordinal).Select(ToResponse));
    }

    private static async Task<IResult> UpsertAsync(UpsertRouteRequest request, IDbContextFactory<ApplianceDbContext> dbFactory, EfRouteTable routes, CancellationToken ct)
    {
        var domain = EfRouteTable.Normalize(request.Domain ?? "");
        var host = request.Host?.Trim() ?? "";
        var errors = new ValidationErrors();
        if (domain != EfRouteTable.Wildcard && !DomainSyntax.IsValidDomain(domain)) errors.Add("domain", "The domain must be \"*\" or a valid domain name.");
        if (!DomainSyntax.IsValidHost(host)) errors.Add("host", "The host must be a domain name or an IP address.");
        if (request.Port is not (>= 1 and <= 65535)) errors.Add("port", "The port must be between 1 and 65535.");
        var tls = TlsMode.Opportunistic;
        if (request.Tls is { } tlsText && !(Enum.TryParse(tlsText, ignoreCase: true, out tls) && Enum.IsDefined(tls) && !int.TryParse(tlsText, out _)))
            errors.Add("tls", "TLS must be one of: opportunistic, disabled, required, implicit.");
        var username = string.IsNullOrEmpty(request.Username) ? null : request.Username;
        var password = string.IsNullOrEmpty(request.Password) ? null : request.Password;
        if ((username is null) != (password is null)) errors.Add(username is null ? "username" : "password", "Username and password go together.");
        if (!errors.IsValid) return errors.ToResult();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Routes.FirstOrDefaultAsync(r => r.Domain == domain, ct);
        entity ??= db.Routes.Add(new RouteEntry { Domain = domain, Host = host }).Entity;
        entity.Host = host;
        entity.Port = request.Port!.Value;
        entity.Username = username;
        entity.Password = password; // plaintext for now: the domains issue moves it under Data Protection
        entity.TlsMode = tls;
        await db.SaveChangesAsync(ct);
        await routes.ReloadAsync(ct);

        // 201 for both insert and replace, so scripts need not know whether the route existed.
        return TypedResults.Created($"{ApiEndpoints.Prefix}/routes/{Uri.EscapeDataString(domain)}", ToResponse(entity));
    }

    private static async Task<IResult> DeleteAsync(string domain, IDbContextFactory<ApplianceDbContext> dbFactory, EfRouteTable routes, CancellationToken ct)
    {
        var key = EfRouteTable.Normalize(domain);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.Routes.Where(r => r.Domain == key).ExecuteDeleteAsync(ct);
        await routes.ReloadAsync(ct);
        return deleted == 0 ? ApiProblems.NotFound($"No route for '{key}'.") : TypedResults.NoContent();
    }

    private static RouteResponse ToResponse(RouteEntry r) =>
        new(r.Domain, r.Host, r.Port, r.Username, r.Password is not null, r.TlsMode.ToString().ToLowerInvariant());
}
