namespace Appliance.Mta.Shaping;

/// <summary>
/// The rules the shaper applies: provider rules (shipped data file) and admin overrides (from the host's settings),
/// plus backoff rules that apply to every site (e.g. a generic "try again later"). Immutable; replaced as a whole.
/// </summary>
public sealed record ShapingRuleSet
{
    /// <summary>Provider rules from the data file, first match wins.</summary>
    public IReadOnlyList<ShapingRule> Providers { get; init; } = [];
    /// <summary>The administrator's overrides; they win over provider rules.</summary>
    public IReadOnlyList<ShapingRule> Overrides { get; init; } = [];
    /// <summary>Backoff rules watching every site's responses.</summary>
    public IReadOnlyList<BackoffRule> GlobalBackoff { get; init; } = [];

    /// <summary>No rules at all: engine defaults only (shaping switched off).</summary>
    public static ShapingRuleSet Empty { get; } = new();

    /// <summary>
    /// Every problem in the set (duplicate names within a kind, invalid rules); empty when the set can be used.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (kind, rules) in new[] { ("provider rule", Providers), ("override", Overrides) })
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var r in rules)
            {
                if (!names.Add(r.Name)) errors.Add($"{kind} '{r.Name}' is defined twice.");
                errors.AddRange(r.Validate(kind));
            }
        }
        foreach (var b in GlobalBackoff) errors.AddRange(b.Validate("global backoff"));
        return errors;
    }
}
