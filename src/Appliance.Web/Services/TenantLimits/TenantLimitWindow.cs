namespace Appliance.Web.Services.TenantLimits;

/// <summary>Which fixed window refused a message.</summary>
public enum TenantLimitWindow
{
    None,
    /// <summary>The current UTC clock hour (hh:00:00 to hh:59:59).</summary>
    Hour,
    /// <summary>The current UTC day (00:00:00 to 23:59:59).</summary>
    Day,
}
