namespace Appliance.Web.Services;

/// <summary>Where a bulk queue operation is: <see cref="DoneDomains"/> of <see cref="TotalDomains"/> destination domains done, <see cref="Affected"/> messages so far.</summary>
public readonly record struct QueueBulkProgress(int DoneDomains, int TotalDomains, int Affected, int Expected)
{
    /// <summary>0–100 for a progress bar.</summary>
    public double Percent => TotalDomains == 0 ? 100 : 100.0 * DoneDomains / TotalDomains;
}
