namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// A tenant's quotas; null = unlimited. Messages per sliding hour and sliding 24 hours, per calendar month (UTC), per
/// sending domain per UTC day; recipients per message; message size in bytes.
/// </summary>
public sealed record TenantMessageLimits(int? Hourly, int? Daily, int? Monthly = null, int? MaxRecipients = null, long? MaxMessageSize = null, int? DomainDaily = null)
{
    public static readonly TenantMessageLimits Unlimited = new(null, null);

    /// <summary>True when any message count (hour, day, month, domain per day) is limited.</summary>
    public bool CountsMessages => Hourly is not null || Daily is not null || Monthly is not null || DomainDaily is not null;
}
