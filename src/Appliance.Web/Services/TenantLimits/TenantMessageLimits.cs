namespace Appliance.Web.Services.TenantLimits;

/// <summary>A tenant's acceptance limits: messages per sliding hour and per sliding 24 hours; null = unlimited.</summary>
public sealed record TenantMessageLimits(int? Hourly, int? Daily)
{
    public static readonly TenantMessageLimits Unlimited = new(null, null);
}
