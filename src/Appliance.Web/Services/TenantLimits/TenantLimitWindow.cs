namespace Appliance.Web.Services.TenantLimits;

/// <summary>Which sliding window refused a message.</summary>
public enum TenantLimitWindow
{
    None,
    /// <summary>The last 60 minutes (the current minute and the 59 before it).</summary>
    Hour,
    /// <summary>The last 24 hours (the current minute and the 1,439 before it).</summary>
    Day,
}
