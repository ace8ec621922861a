using System.Collections.Frozen;
using System.Security.Cryptography;
using Appliance.Mta.Configuration;
using Appliance.Mta.Dns;
using Appliance.Mta.Smtp.Client;
using Route = Appliance.Mta.Dns.Route;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Engine;

/// <summary>
/// <see cref="IRouteTable"/> as an in-memory snapshot of the Routes table (loaded at start, reloaded by the API
/// after each change). When the table has no "*" route, Appliance:Delivery:SmartHost ("host:port") acts as one.
/// Smart-host passwords are decrypted here, once per reload; only the engine's <see cref="Route"/> holds them in clear.
/// </summary>
public sealed partial class EfRouteTable(IDbContextFactory<ApplianceDbContext> dbFactory, IOptionsMonitor<MtaOptions> options,
    RoutePasswordProtector passwords, ILogger<EfRouteTable> logger) : IRouteTable
{
    public const string Wildcard = "*";

    private volatile FrozenDictionary<string, Route> _routes = FrozenDictionary<string, Route>.Empty;
    private (string? Raw, Route? Route) _smartHost;

    public Route? Find(string domain)
    {
        var key = Normalize(domain);
        var routes = _routes;
        if (routes.TryGetValue(key, out var exact)) return exact;
        if (routes.TryGetValue(Wildcard, out var wildcard)) return wildcard;
        return SmartHostRoute();
    }

    /// <summary>The routes stored in the database (the SmartHost fallback is not included).</summary>
    public IReadOnlyCollection<Route> Routes => _routes.Values;

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Routes.AsNoTracking().ToListAsync(cancellationToken);
        _routes = rows.ToFrozenDictionary(r => r.Domain, ToRoute, StringComparer.Ordinal);
    }

    /// <summary>Lower case without the trailing root dot (RFC 1035 §3.1: "example.com." is "example.com").</summary>
    public static string Normalize(string domain) => domain.Trim().TrimEnd('.').ToLowerInvariant();

    private Route ToRoute(RouteEntry r) => new(r.Domain, r.Host, r.Port, r.Username, Password(r), r.TlsMode);

    private string? Password(RouteEntry r)
    {
        if (r.ProtectedPassword is null) return r.LegacyPlaintextPassword;
        try
        {
            return passwords.Unprotect(r.ProtectedPassword);
        }
        catch (CryptographicException)
        {
            // The key ring that encrypted it is gone (data folder restored without keys/): AUTH will fail until the
            // admin enters the password again; the route itself stays usable.
            LogUnreadablePassword(logger, r.Domain);
            return null;
        }
    }

    private Route? SmartHostRoute()
    {
        var raw = options.CurrentValue.Delivery.SmartHost;
        var cached = _smartHost;
        if (cached.Raw == raw) return cached.Route;

        Route? route = null;
        if (!string.IsNullOrWhiteSpace(raw))
        {
            if (HostPort.TryParse(raw, 25, out var host, out var port)) route = new Route(Wildcard, host, port);
            else HostLog.SmartHostInvalid(logger, raw);
        }
        _smartHost = (raw, route);
        return route;
    }

    [LoggerMessage(3602, LogLevel.Error, "The smart-host password of the route for {Domain} cannot be decrypted (Data Protection key ring missing?); enter it again")]
    private static partial void LogUnreadablePassword(ILogger logger, string domain);
}
