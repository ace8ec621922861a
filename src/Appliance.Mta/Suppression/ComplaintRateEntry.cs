namespace Appliance.Mta.Suppression;

/// <summary>One tenant's, pool's, source's or IP's complaints and deliveries over the counter's window.</summary>
public sealed record ComplaintRateEntry(string Name, long Complaints, long Deliveries)
{
    /// <summary>Complaints per delivered recipient (0 when nothing was delivered).</summary>
    public double Rate => Deliveries == 0 ? 0 : (double)Complaints / Deliveries;
}
