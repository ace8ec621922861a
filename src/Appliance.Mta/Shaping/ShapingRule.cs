namespace Appliance.Mta.Shaping;

/// <summary>
/// Limits and backoff rules for a destination, matched by the site's MX host names (suffixes at a label boundary, e.g.
/// "google.com" matches "gmail-smtp-in.l.google.com") or by recipient domain. A provider rule ships in the data file;
/// an admin override uses the same shape and may name the provider rule it refines in <see cref="Provider"/>.
/// <see cref="Source"/> narrows the rule to one egress source.
/// </summary>
public sealed record ShapingRule
{
    public required string Name { get; init; }
    public IReadOnlyList<string> Mx { get; init; } = [];
    public IReadOnlyList<string> Domains { get; init; } = [];
    public string? Provider { get; init; }
    public string? Source { get; init; }
    public ShapingLimits Limits { get; init; } = ShapingLimits.None;
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

    public bool AppliesTo(string source) => Source is null || string.Equals(Source, source, StringComparison.OrdinalIgnoreCase);

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
