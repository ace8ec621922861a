namespace Appliance.Mta.Shaping;

/// <summary>
/// The rules the shaper applies: provider rules (shipped data file) and admin overrides (from the host's settings),
/// plus backoff rules that apply to every site (e.g. a generic "try again later"). Immutable; replaced as a whole.
/// </summary>
public sealed record ShapingRuleSet
{
    public IReadOnlyList<ShapingRule> Providers { get; init; } = [];
    public IReadOnlyList<ShapingRule> Overrides { get; init; } = [];
    public IReadOnlyList<BackoffRule> GlobalBackoff { get; init; } = [];

    public static ShapingRuleSet Empty { get; } = new();

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
