using System.Collections.Frozen;
using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery;
using Route = Appliance.Mta.Delivery.Route;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Engine;

/// <summary>
/// <see cref="IRouteTable"/> as an in-memory snapshot of the Routes table (loaded at start, reloaded by the API
/// after each change). When the table has no "*" route, Appliance:Delivery:SmartHost ("host:port") acts as one.
/// </summary>
public sealed class EfRouteTable(IDbContextFactory<ApplianceDbContext> dbFactory, IOptionsMonitor<MtaOptions> options, ILogger<EfRouteTable> logger) : IRouteTable
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
        _routes = rows.ToFrozenDictionary(r => r.Domain, r => r.ToRoute(), StringComparer.Ordinal);
    }

    /// <summary>Lower case without the trailing root dot (RFC 1035 §3.1: "example.com." is "example.com").</summary>
    public static string Normalize(string domain) => domain.Trim().TrimEnd('.').ToLowerInvariant();

    private Route? SmartHostRoute()
    {
        var raw = options.CurrentValue.Delivery.SmartHost;
        var cached = _smartHost;
        if (cached.Raw == raw) return cached.Route;

        Route? route = null;
        if (!string.IsNullOrWhiteSpace(raw))
        {
            if (HostPort.TryParse(raw, 25, out var host, out var port)) route = new Route(Wildcard, host, port);
            else logger.LogError("Appliance:Delivery:SmartHost '{SmartHost}' is not host:port; ignored", raw);
        }
        _smartHost = (raw, route);
        return route;
    }
}
