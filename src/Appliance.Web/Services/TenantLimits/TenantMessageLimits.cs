namespace Appliance.Web.Services.TenantLimits;

/// <summary>A tenant's acceptance limits: messages per UTC clock hour and per UTC day; null = unlimited.</summary>
public sealed record TenantMessageLimits(int? Hourly, int? Daily)
{
    public static readonly TenantMessageLimits Unlimited = new(null, null);
}
