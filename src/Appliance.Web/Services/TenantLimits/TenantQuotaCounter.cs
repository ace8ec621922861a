namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// A calendar quota counter (table TenantQuotaCounters): a tenant's messages in a month (<see cref="Window"/> "month",
/// <see cref="Period"/> "yyyy-MM", <see cref="Scope"/> "") or from one sending domain in a UTC day ("domain-day",
/// "yyyy-MM-dd", the domain).
/// </summary>
public sealed class TenantQuotaCounter
{
    public const string MonthWindow = "month";
    public const string DomainDayWindow = "domain-day";

    public required string TenantId { get; set; }

    public required string Window { get; set; }

    public required string Period { get; set; }

    public string Scope { get; set; } = "";

    public int Count { get; set; }
}
