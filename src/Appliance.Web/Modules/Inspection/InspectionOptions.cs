namespace Appliance.Web.Modules.Inspection;

/// <summary>Appliance:Inspection: how retained message contents are written and expired (per-tenant settings are in the database).</summary>
public sealed class InspectionOptions
{
    public const string Section = "Appliance:Inspection";

    /// <summary>
    /// Accepted messages waiting to be written (default 1000). When the writer falls behind, further messages are not
    /// retained (logged); mail is never slowed or refused for it.
    /// </summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>How often expired contents are deleted (default 1 hour).</summary>
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromHours(1);
}
