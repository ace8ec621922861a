namespace Appliance.Web.Services.TenantLimits;

/// <summary>The quota warning mail to a tenant's admins ("Appliance:QuotaWarnings"; docs/tenants.md, "Quotas").</summary>
public sealed class TenantQuotaMailOptions
{
    public const string Section = "Appliance:QuotaWarnings";

    /// <summary>Mail the 80 % and 100 % warnings to each TenantAdmin of the tenant (the Alert event is raised either way).</summary>
    public bool MailTenantAdmins { get; set; } = true;

    /// <summary>Sender (From: and MAIL FROM); null: appliance-quota@ the host name.</summary>
    public string? From { get; set; }
}
