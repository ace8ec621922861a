namespace Appliance.Mta.Suppression;

/// <summary>Complaints and deliveries in the window; <see cref="Rate"/> is complaints per delivery (0 when none).</summary>
public readonly record struct ComplaintRate(long Complaints, long Deliveries)
{
    public double Rate => Deliveries == 0 ? 0 : (double)Complaints / Deliveries;
}
