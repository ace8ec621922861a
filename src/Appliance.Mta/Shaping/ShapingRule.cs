namespace Appliance.Mta.Shaping;

/// <summary>
/// Limits and backoff rules for a destination, matched by the site's MX host names (suffixes at a label boundary, e.g.
/// "google.com" matches "gmail-smtp-in.l.google.com") or by recipient domain. A provider rule ships in the data file;
/// an admin override uses the same shape and may name the provider rule it refines in <see cref="Provider"/>.
/// <see cref="Source"/> narrows the rule to one egress source.
/// </summary>
public sealed record ShapingRule
{
    /// <summary>The rule's name, unique among rules of its kind; shown as the origin of the limits it sets.</summary>
    public required string Name { get; init; }
    /// <summary>
    /// MX host name suffixes, matched at a label boundary ("google.com" matches "aspmx.l.google.com").
    /// </summary>
    public IReadOnlyList<string> Mx { get; init; } = [];
    /// <summary>Recipient domains matched exactly (case-insensitive).</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];
    /// <summary>
    /// For a provider rule, the provider it describes; for an override, the provider rule it refines (it then applies
    /// wherever that provider matched).
    /// </summary>
    public string? Provider { get; init; }
    /// <summary>The egress source the rule is limited to; null applies it to every source.</summary>
    public string? Source { get; init; }
    /// <summary>The limits the rule sets; unset values fall through to the next layer.</summary>
    public ShapingLimits Limits { get; init; } = ShapingLimits.None;
    /// <summary>Backoff rules watching responses of sites this rule matches.</summary>
    public IReadOnlyList<BackoffRule> Backoff { get; init; } = [];

    /// <summary>True when the site's MX hosts or the recipient domain match, or (for overrides) the named provider matched.</summary>
    public bool Matches(IReadOnlyList<string> mxHosts, string domain, string? provider)
    {
        if (Provider is not null && provider is not null && string.Equals(Provider, provider, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var d in Domains) if (string.Equals(d, domain, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var suffix in Mx)
            foreach (var host in mxHosts)
                if (IsSuffix(host, suffix)) return true;
        return false;
    }

    /// <summary>
    /// True when the rule applies to egress source <paramref name="source"/> (always when <see cref="Source"/> is
    /// null).
    /// </summary>
    public bool AppliesTo(string source) => Source is null || string.Equals(Source, source, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Every problem with the rule, its limits and its backoff rules, each naming the rule as a <paramref name="kind"/>
    /// ("provider rule", "override"); empty when valid.
    /// </summary>
    public IEnumerable<string> Validate(string kind)
    {
        var owner = $"{kind} '{Name}'";
        if (string.IsNullOrWhiteSpace(Name)) yield return $"A {kind} has no name.";
        if (Mx.Count == 0 && Domains.Count == 0 && Provider is null) yield return $"{owner} matches nothing: give mx suffixes, domains or a provider.";
        foreach (var e in Limits.Validate(owner)) yield return e;
        foreach (var b in Backoff) foreach (var e in b.Validate(owner)) yield return e;
    }

    private static bool IsSuffix(string host, string suffix)
    {
        var h = host.TrimEnd('.');
        var s = suffix.TrimEnd('.').TrimStart('.');
        return h.Equals(s, StringComparison.OrdinalIgnoreCase)
            || (h.Length > s.Length && h.EndsWith(s, StringComparison.OrdinalIgnoreCase) && h[h.Length - s.Length - 1] == '.');
    }
}
