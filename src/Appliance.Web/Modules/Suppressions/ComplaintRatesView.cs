using Appliance.Mta.Suppression;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>The engine's live complaint rates (24 hours per pool, source, IP and tenant) as the pages show them.</summary>
public sealed class ComplaintRatesView(ComplaintRateCounter counter)
{
    public ComplaintRateReport Report(string? tenant = null) => counter.Report(tenant);
}
