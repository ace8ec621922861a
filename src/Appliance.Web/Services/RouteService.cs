using Appliance.Mta.Smtp.Client;
using Appliance.Web.Api;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Engine;
using Appliance.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services;

/// <summary>
/// Static routes (smart hosts) by destination domain: list, upsert, delete. Used by /api/v1/routes and the
/// Routes page; the engine's route snapshot is reloaded and the change audited (the password never is). The password
/// is write-only: stored as Data Protection ciphertext, shown as <see cref="RouteResponse.HasPassword"/>; an update
/// that keeps the username and leaves the password empty keeps the stored one.
/// </summary>
public sealed class RouteService(IDbContextFactory<ApplianceDbContext> dbFactory, EfRouteTable routes, RoutePasswordProtector passwords, IAuditLog audit)
{
    public async Task<IReadOnlyList<RouteResponse>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Routes.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(r => r.Domain, StringComparer.Ordinal).Select(ToResponse).ToList();
    }

    /// <summary>Inserts or replaces the route of <see cref="UpsertRouteRequest.Domain"/>.</summary>
    public async Task<ServiceResult<RouteResponse>> UpsertAsync(UpsertRouteRequest request, string actor, CancellationToken ct = default)
    {
        var domain = EfRouteTable.Normalize(request.Domain ?? "");
        var host = request.Host?.Trim() ?? "";
        var errors = new FieldErrors();
        if (domain != EfRouteTable.Wildcard && !DomainSyntax.IsValidDomain(domain)) errors.Add("domain", "The domain must be \"*\" or a valid domain name.");
        if (!DomainSyntax.IsValidHost(host)) errors.Add("host", "The host must be a domain name or an IP address.");
        if (request.Port is not (>= 1 and <= 65535)) errors.Add("port", "The port must be between 1 and 65535.");
        var tls = TlsMode.Opportunistic;
        if (request.Tls is { } tlsText && !(Enum.TryParse(tlsText, ignoreCase: true, out tls) && Enum.IsDefined(tls) && !int.TryParse(tlsText, out _)))
            errors.Add("tls", "TLS must be one of: opportunistic, disabled, required, implicit.");
        var username = string.IsNullOrEmpty(request.Username) ? null : request.Username;
        var password = string.IsNullOrEmpty(request.Password) ? null : request.Password;
        if (username is null && password is not null) errors.Add("username", "Username and password go together.");
        if (!errors.IsValid) return errors.ToResult<RouteResponse>();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Routes.FirstOrDefaultAsync(r => r.Domain == domain, ct);
        // Write-only: the same username without a password keeps the stored password.
        var keep = password is null && username is not null && entity is { HasPassword: true } && entity.Username == username;
        if (username is not null && password is null && !keep)
        {
            errors.Add("password", "Username and password go together.");
            return errors.ToResult<RouteResponse>();
        }
        var before = entity is null ? null : ToResponse(entity);
        entity ??= db.Routes.Add(new RouteEntry { Domain = domain, Host = host }).Entity;
        entity.Host = host;
        entity.Port = request.Port!.Value;
        entity.Username = username;
        if (!keep)
        {
            entity.ProtectedPassword = password is null ? null : passwords.Protect(password);
            entity.LegacyPlaintextPassword = null;
        }
        entity.TlsMode = tls;
        await audit.SaveChangesAsync(db, actor, before is null ? "route.create" : "route.update", domain, before, () => ToResponse(entity), ct);
        await routes.ReloadAsync(ct);
        var after = ToResponse(entity);
        return ServiceResult<RouteResponse>.Ok(after);
    }

    public async Task<ServiceResult<bool>> DeleteAsync(string domain, string actor, CancellationToken ct = default)
    {
        var key = EfRouteTable.Normalize(domain);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Routes.AsNoTracking().FirstOrDefaultAsync(r => r.Domain == key, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.Routes.Where(r => r.Domain == key).ExecuteDeleteAsync(ct);
        if (deleted > 0)
        {
            audit.Add(db, actor, "route.delete", key, existing is null ? null : ToResponse(existing), null);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        await routes.ReloadAsync(ct);
        if (deleted == 0) return ServiceResult<bool>.NotFound($"No route for '{key}'.");
        return ServiceResult<bool>.Ok(true);
    }

    public static RouteResponse ToResponse(RouteEntry r) =>
        new(r.Domain, r.Host, r.Port, r.Username, r.HasPassword, r.TlsMode.ToString().ToLowerInvariant());
}
