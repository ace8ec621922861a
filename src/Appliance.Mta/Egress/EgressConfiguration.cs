namespace Appliance.Mta.Egress;

/// <summary>
/// The live egress plan. The host builds a plan from its settings and replaces it here; the next selection uses it
/// (no restart). An invalid plan is refused with its errors and the current one stays.
/// </summary>
public sealed class EgressConfiguration
{
    private volatile EgressPlan _plan = EgressPlan.Default;
    private volatile Dictionary<string, EgressSource> _sources = Index(EgressPlan.Default);

    public EgressPlan Plan => _plan;

    /// <summary>Raised after a plan was replaced.</summary>
    public event Action<EgressPlan>? Changed;

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

    public EgressSource? Source(string name) => _sources.GetValueOrDefault(name);

    private static Dictionary<string, EgressSource> Index(EgressPlan plan) =>
        plan.Sources.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
}
