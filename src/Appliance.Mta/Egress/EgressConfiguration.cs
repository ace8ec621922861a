namespace Appliance.Mta.Egress;

/// <summary>
/// The live egress plan. The host builds a plan from its settings and replaces it here; the next selection uses it
/// (no restart). An invalid plan is refused with its errors and the current one stays.
/// </summary>
public sealed class EgressConfiguration
{
    private volatile EgressPlan _plan = EgressPlan.Default;
    private volatile Dictionary<string, EgressSource> _sources = Index(EgressPlan.Default);

    /// <summary>The plan in force (<see cref="EgressPlan.Default"/> until the host replaces it).</summary>
    public EgressPlan Plan => _plan;

    /// <summary>Raised after a plan was replaced.</summary>
    public event Action<EgressPlan>? Changed;

    /// <summary>
    /// Validates <paramref name="plan"/> and, when it has no errors, makes it the plan in force and raises <see
    /// cref="Changed"/>. Returns the errors; when there are any, nothing changes.
    /// </summary>
    public IReadOnlyList<string> Replace(EgressPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = plan.Validate();
        if (errors.Count > 0) return errors;
        _sources = Index(plan);
        _plan = plan;
        Changed?.Invoke(plan);
        return errors;
    }

    /// <summary>
    /// The source named <paramref name="name"/> (case-insensitive) in the plan in force; null when the plan has none by
    /// that name.
    /// </summary>
    public EgressSource? Source(string name) => _sources.GetValueOrDefault(name);

    private static Dictionary<string, EgressSource> Index(EgressPlan plan) =>
        plan.Sources.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
}
