using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Appliance.Mta.Configuration;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Dns;

/// <summary>
/// Turns a destination domain into a <see cref="NextHopPlan"/>: the static route if the route table has
/// one, else the MX hosts (RFC 5321 §5.1) with their addresses. It owns DNS policy (null MX, implicit MX,
/// what is permanent and what transient) and a short plan cache; it does not connect anywhere.
/// </summary>
/// <remarks>
/// Address order inside a host is IPv4 first, then IPv6: many sending IPv6 paths lack the reputation and
/// PTR records big receivers demand, while both families stay in the plan for fallback.
/// A route's host that does not resolve is a transient failure (a configuration problem must not bounce mail).
/// </remarks>
public sealed class NextHopResolver
{
    /// <summary>How long an Ok or permanent plan is reused (DnsClient's own cache also honours record TTLs).</summary>
    public static readonly TimeSpan PlanCacheTime = TimeSpan.FromSeconds(60);

    /// <summary>Transient failures are retried sooner.</summary>
    public static readonly TimeSpan TransientCacheTime = TimeSpan.FromSeconds(10);

    private const int MaxCacheEntries = 100_000;

    private readonly IDnsResolver _dns;
    private readonly IRouteTable _routes;
    private readonly IMtaSettings _settings;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);

    /// <summary>A resolver whose default port (<see cref="DeliveryOptions.Port"/>) is read from <paramref name="settings"/>'
    /// snapshot in force at each resolution.</summary>
    public NextHopResolver(IDnsResolver dns, IRouteTable routes, IMtaSettings settings, TimeProvider time, Random? random = null)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _dns = dns ?? throw new ArgumentNullException(nameof(dns));
        _routes = routes ?? throw new ArgumentNullException(nameof(routes));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _random = random ?? Random.Shared;
    }

    /// <summary>Resolves (or reuses a recent plan for) <paramref name="domain"/>. Never throws for DNS outcomes.</summary>
    public async Task<NextHopPlan> ResolveAsync(string domain, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        var name = domain.TrimEnd('.').ToLowerInvariant();
        // The route table is consulted on every call so route edits apply at once; only DNS work is cached.
        var route = _routes.Find(name);
        // The default port is the snapshot's in force now; it is part of the cache key, so a changed port is used at once.
        var port = route is { Port: > 0 } ? route.Port : _settings.Current.Delivery.Port;
        var key = route is null ? $"{name}:{port}" : $"route:{route.Host.ToLowerInvariant()}:{port}";
        var now = _time.GetTimestamp();
        var fresh = new CacheEntry(now, route is null ? () => ResolveMxPlanAsync(name, port) : () => ResolveRoutePlanAsync(route, port, key));
        var entry = _cache.AddOrUpdate(key, fresh, (_, old) => IsExpired(old, now) ? fresh : old);
        if (entry == fresh && _cache.Count > MaxCacheEntries) Sweep(now);
        var plan = await entry.Plan.Value.WaitAsync(ct).ConfigureAwait(false);
        if (route is not null && !ReferenceEquals(plan.Route, route)) plan = plan with { Route = route };
        return ShuffleEqualPreferences(plan);
    }

    private async Task<NextHopPlan> ResolveRoutePlanAsync(Route route, int port, string siteKey)
    {
        var host = route.Host.Trim();
        var answer = await ResolveHostAsync(host).ConfigureAwait(false);
        if (answer.Status != DnsStatus.Ok)
        {
            // A route is configuration: never bounce because its host is missing from DNS.
            return NextHopPlan.Transient(new SmtpReply(451, "4.4.3", $"Route host {host} does not resolve ({answer.Status})"), siteKey, route);
        }
        return new NextHopPlan(NextHopOutcome.Ok, null, [new NextHopHost(host, 0, OrderAddresses(answer.Records), port)], siteKey, route);
    }

    private async Task<NextHopPlan> ResolveMxPlanAsync(string domain, int port)
    {
        // RFC 5321 §5.1: an address literal domain is delivered to that address, no MX lookup.
        if (domain.StartsWith('['))
        {
            var literal = domain.Trim('[', ']');
            if (literal.StartsWith("ipv6:", StringComparison.Ordinal)) literal = literal[5..];
            return IPAddress.TryParse(literal, out var ip)
                ? new NextHopPlan(NextHopOutcome.Ok, null, [new NextHopHost(domain, 0, [ip], port)], domain, null)
                : NextHopPlan.Permanent(new SmtpReply(550, "5.1.2", $"Bad address literal {domain}"), domain);
        }

        var mx = await _dns.ResolveMxAsync(domain, CancellationToken.None).ConfigureAwait(false);
        switch (mx.Status)
        {
            case DnsStatus.NxDomain:
                return NextHopPlan.Permanent(new SmtpReply(550, "5.1.2", $"Domain {domain} does not exist (NXDOMAIN)"), domain);
            case DnsStatus.ServerFailure or DnsStatus.Timeout:
                return NextHopPlan.Transient(new SmtpReply(451, "4.4.3", $"DNS temporary failure looking up MX of {domain} ({mx.Status})"), domain);
            case DnsStatus.NoData:
                return await ImplicitMxPlanAsync(domain, port).ConfigureAwait(false);
        }

        // RFC 7505 §3/§4.2: a lone MX "." (null MX) means the domain accepts no mail: 556 5.1.10.
        var real = mx.Records.Where(r => !r.IsNullMx).ToList();
        if (real.Count == 0)
            return NextHopPlan.Permanent(new SmtpReply(556, "5.1.10", $"Domain {domain} does not accept mail (null MX)"), domain);

        // RFC 5321 §5.1: lowest preference first; one entry per host name (its lowest preference).
        var ordered = real
            .GroupBy(r => r.Exchange.ToLowerInvariant())
            .Select(g => new MxRecordData(g.Key, g.Min(r => r.Preference)))
            .OrderBy(r => r.Preference).ThenBy(r => r.Exchange, StringComparer.Ordinal)
            .ToList();
        var siteKey = string.Join(',', ordered.Select(r => r.Exchange).Order(StringComparer.Ordinal));

        var lookups = ordered.Select(r => ResolveHostAsync(r.Exchange)).ToArray();
        var answers = await Task.WhenAll(lookups).ConfigureAwait(false);
        var hosts = new List<NextHopHost>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            // RFC 5321 §5.1: an MX host that does not resolve is skipped; the others are still tried.
            if (answers[i].Status == DnsStatus.Ok)
                hosts.Add(new NextHopHost(ordered[i].Exchange, ordered[i].Preference, OrderAddresses(answers[i].Records), port));
        }
        if (hosts.Count == 0)
            return NextHopPlan.Transient(new SmtpReply(451, "4.4.4", $"No MX host of {domain} has an address"), siteKey);
        return new NextHopPlan(NextHopOutcome.Ok, null, hosts, siteKey, null);
    }

    private async Task<NextHopPlan> ImplicitMxPlanAsync(string domain, int port)
    {
        // RFC 5321 §5.1: no MX records: the domain itself is the implicit MX with preference 0.
        var a = await ResolveHostAsync(domain).ConfigureAwait(false);
        return a.Status switch
        {
            DnsStatus.Ok => new NextHopPlan(NextHopOutcome.Ok, null, [new NextHopHost(domain, 0, OrderAddresses(a.Records), port)], domain, null),
            DnsStatus.ServerFailure or DnsStatus.Timeout =>
                NextHopPlan.Transient(new SmtpReply(451, "4.4.3", $"DNS temporary failure looking up address of {domain} ({a.Status})"), domain),
            _ => NextHopPlan.Permanent(new SmtpReply(550, "5.1.2", $"Domain {domain} has no MX and no A/AAAA record"), domain),
        };
    }

    private Task<DnsAnswer<IPAddress>> ResolveHostAsync(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? Task.FromResult(DnsAnswer<IPAddress>.Ok([literal]))
            : _dns.ResolveAddressesAsync(host, CancellationToken.None);

    private static IReadOnlyList<IPAddress> OrderAddresses(IReadOnlyList<IPAddress> addresses) =>
        addresses.Distinct()
            .OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)
            .ToArray();

    /// <summary>RFC 5321 §5.1: hosts of equal preference are tried in random order to spread load.</summary>
    private NextHopPlan ShuffleEqualPreferences(NextHopPlan plan)
    {
        var hosts = plan.Hosts;
        if (hosts.Count < 2) return plan;
        NextHopHost[]? copy = null;
        var start = 0;
        while (start < hosts.Count)
        {
            var end = start + 1;
            while (end < hosts.Count && hosts[end].Preference == hosts[start].Preference) end++;
            if (end - start > 1)
            {
                copy ??= [.. hosts];
                lock (_random) _random.Shuffle(copy.AsSpan(start, end - start));
            }
            start = end;
        }
        return copy is null ? plan : plan with { Hosts = copy };
    }

    private bool IsExpired(CacheEntry entry, long now)
    {
        var task = entry.Plan.IsValueCreated ? entry.Plan.Value : null;
        if (task is null || !task.IsCompleted) return false;
        var ttl = task.IsCompletedSuccessfully && task.Result.Outcome != NextHopOutcome.TransientFailure ? PlanCacheTime : TransientCacheTime;
        return _time.GetElapsedTime(entry.Created, now) >= ttl;
    }

    private void Sweep(long now)
    {
        foreach (var (key, entry) in _cache)
            if (IsExpired(entry, now)) _cache.TryRemove(new KeyValuePair<string, CacheEntry>(key, entry));
        if (_cache.Count > MaxCacheEntries) _cache.Clear();
    }

    private sealed class CacheEntry(long created, Func<Task<NextHopPlan>> resolve)
    {
        public long Created { get; } = created;
        public Lazy<Task<NextHopPlan>> Plan { get; } = new(resolve, LazyThreadSafetyMode.ExecutionAndPublication);
    }
}
