using System.Collections.Concurrent;
using Appliance.Mta.Configuration;

namespace Appliance.Mta.Shaping;

/// <summary>
/// Answers "how may this source send to this site?" as data: engine defaults, then the matching provider rule, then the
/// admin's overrides (rules naming a source win over general ones within a layer), then any backoff in force. The
/// dispatcher asks; the shaper never touches a connection.
/// </summary>
public sealed class TrafficShaper
{
    private const int MaxCached = 10_000;
    private const string RoutePrefix = "route:";
    private readonly IMtaSettings _settings;
    private volatile ShapingRuleSet _rules;

    // Resolutions per (source, site, domain) for the current rules; an entry remembers the engine defaults it was
    // computed with, so a live settings change is seen at once. Cleared when the rules change or it grows too big.
    private volatile ConcurrentDictionary<(string Source, string Site, string Domain), (DefaultsKey Defaults, EffectiveShaping Shaping)> _cache = new();
    private volatile ConcurrentDictionary<(string Site, string Domain), string?> _providers = new();

    /// <summary>
    /// A shaper starting with the shipped provider rules (or none when <see
    /// cref="Configuration.DeliveryOptions.ShapingEnabled"/> is off); <paramref name="backoff"/> tracks backoffs.
    /// </summary>
    public TrafficShaper(IMtaSettings settings, BackoffTracker backoff)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        Backoff = backoff;
        _rules = settings.Current.Delivery.ShapingEnabled ? ShapingRuleSetLoader.Shipped() : ShapingRuleSet.Empty;
    }

    /// <summary>The backoff state: responses observed and backoffs in force.</summary>
    public BackoffTracker Backoff { get; }

    /// <summary>The rule set in force (provider rules, overrides, global backoff).</summary>
    public ShapingRuleSet Rules => _rules;

    /// <summary>Replaces the admin overrides (validated first; refused with the errors, the old ones stay).</summary>
    public IReadOnlyList<string> ReplaceOverrides(IReadOnlyList<ShapingRule> overrides) => Replace(_rules with { Overrides = overrides });

    /// <summary>Replaces the whole rule set, e.g. with a provider file the admin loaded.</summary>
    public IReadOnlyList<string> Replace(ShapingRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = rules.Validate();
        if (errors.Count > 0) return errors;
        _rules = rules;
        _cache = new();
        _providers = new();
        return errors;
    }

    /// <summary>The provider rule the site belongs to (any source), e.g. "gmail"; null for other destinations.</summary>
    public string? ProviderOf(string site, string domain)
    {
        var cache = _providers;
        if (cache.TryGetValue((site, domain), out var known)) return known;
        if (cache.Count > MaxCached) cache.Clear();
        return cache[(site, domain)] = FindProvider(site, domain);
    }

    private string? FindProvider(string site, string domain)
    {
        var hosts = HostsOf(site);
        return _rules.Providers.FirstOrDefault(r => r.Matches(hosts, domain, null))?.Name;
    }

    /// <summary>
    /// The host names a rule's <see cref="ShapingRule.Mx"/> suffixes are matched against: the MX hosts of an MX site
    /// (its key is their comma-joined list), or the route's host for a static route or smart host, whose site key is
    /// <c>route:{host}:{port}</c> (<see cref="Dns.NextHopResolver"/>). So a rule for a smart-host route names the
    /// route's host ("smtp.relay.example", "127.0.0.1"), the way an MX rule names the MX; a rule's
    /// <see cref="ShapingRule.Domains"/> still match the recipient domain whatever the route.
    /// </summary>
    public static IReadOnlyList<string> HostsOf(string site)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.StartsWith(RoutePrefix, StringComparison.Ordinal))
        {
            var hostPort = site.AsSpan(RoutePrefix.Length);
            var colon = hostPort.LastIndexOf(':');
            var host = (colon > 0 ? hostPort[..colon] : hostPort).Trim().Trim('[').Trim(']');
            return host.IsEmpty ? [] : [host.ToString()];
        }
        return site.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The limits for (source, site) where <paramref name="site"/> is the comma-joined MX host list or a route's key.</summary>
    public EffectiveShaping Resolve(string source, string site, string domain)
    {
        var delivery = _settings.Current.Delivery;
        var defaults = DefaultsKey.Of(delivery);
        var cache = _cache;
        if (cache.TryGetValue((source, site, domain), out var hit) && hit.Defaults == defaults) return hit.Shaping;
        if (cache.Count > MaxCached) cache.Clear();
        var shaping = Compute(delivery, source, site, domain);
        cache[(source, site, domain)] = (defaults, shaping);
        return shaping;
    }

    private EffectiveShaping Compute(DeliveryOptions d, string source, string site, string domain)
    {
        var rules = _rules;
        var hosts = HostsOf(site);
        var provider = rules.Providers.FirstOrDefault(r => r.AppliesTo(source) && r.Matches(hosts, domain, null));
        var layers = new List<(ShapingRule Rule, LimitOrigin Origin)>();
        if (provider is not null) layers.Add((provider, LimitOrigin.Provider));
        foreach (var o in rules.Overrides.Where(o => o.Source is null && o.Matches(hosts, domain, provider?.Name))) layers.Add((o, LimitOrigin.Override));
        foreach (var o in rules.Overrides.Where(o => o.Source is not null && o.AppliesTo(source) && o.Matches(hosts, domain, provider?.Name))) layers.Add((o, LimitOrigin.Override));

        var backoff = new List<BackoffRule>(rules.GlobalBackoff);
        foreach (var (rule, _) in layers) backoff.AddRange(rule.Backoff);
        return new EffectiveShaping
        {
            Provider = provider?.Name,
            MaxConnections = Pick(layers, l => l.MaxConnections, d.MaxConnectionsPerSite),
            MessagesPerConnection = Pick(layers, l => l.MessagesPerConnection, d.MessagesPerConnection),
            MessageRate = PickRef(layers, l => l.MessageRate),
            MaxRecipientsPerTransaction = Pick(layers, l => l.MaxRecipientsPerTransaction, d.MaxRecipientsPerTransaction),
            ConnectTimeout = Pick(layers, l => l.ConnectTimeout, d.ConnectTimeout),
            GreetingTimeout = Pick(layers, l => l.GreetingTimeout, d.GreetingTimeout),
            DataTimeout = Pick(layers, l => l.DataTimeout, d.DataTimeout),
            RetryInterval = Pick(layers, l => l.RetryInterval, d.RetryInterval),
            BackoffRules = backoff,
        };
    }

    private static EffectiveLimit<T> Pick<T>(List<(ShapingRule Rule, LimitOrigin Origin)> layers, Func<ShapingLimits, T?> get, T fallback) where T : struct
    {
        for (var i = layers.Count - 1; i >= 0; i--)
            if (get(layers[i].Rule.Limits) is { } value) return new EffectiveLimit<T>(value, layers[i].Origin, layers[i].Rule.Name);
        return new EffectiveLimit<T>(fallback, LimitOrigin.Default);
    }

    private static EffectiveLimit<MessageRate?> PickRef(List<(ShapingRule Rule, LimitOrigin Origin)> layers, Func<ShapingLimits, MessageRate?> get)
    {
        for (var i = layers.Count - 1; i >= 0; i--)
            if (get(layers[i].Rule.Limits) is { } value) return new EffectiveLimit<MessageRate?>(value, layers[i].Origin, layers[i].Rule.Name);
        return new EffectiveLimit<MessageRate?>(null, LimitOrigin.Default);
    }

    /// <summary>The engine defaults a resolution depends on (they can change at run time through the settings).</summary>
    private readonly record struct DefaultsKey(int Connections, int PerConnection, int Recipients, TimeSpan Connect, TimeSpan Greeting, TimeSpan Data, TimeSpan Retry)
    {
        public static DefaultsKey Of(DeliveryOptions d) =>
            new(d.MaxConnectionsPerSite, d.MessagesPerConnection, d.MaxRecipientsPerTransaction, d.ConnectTimeout, d.GreetingTimeout, d.DataTimeout, d.RetryInterval);
    }
}
