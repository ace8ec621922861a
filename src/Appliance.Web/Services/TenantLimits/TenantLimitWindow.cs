namespace Appliance.Web.Services.TenantLimits;

/// <summary>Which quota refused a message.</summary>
public enum TenantLimitWindow
{
    None,
    /// <summary>The last 60 minutes (the current minute and the 59 before it).</summary>
    Hour,
    /// <summary>The last 24 hours (the current minute and the 1,439 before it).</summary>
    Day,
    /// <summary>The calendar month (UTC); refusals are permanent until the next month.</summary>
    Month,
    /// <summary>The UTC day, per sending domain (the MAIL FROM domain).</summary>
    DomainDay,
    /// <summary>Recipients per message.</summary>
    Recipients,
    /// <summary>Message size in bytes.</summary>
    Size,
}
