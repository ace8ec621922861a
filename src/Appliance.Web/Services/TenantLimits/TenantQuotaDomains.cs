namespace Appliance.Web.Services.TenantLimits;

/// <summary>The sending domain a per-domain quota counts: the MAIL FROM domain, lower-cased; null for the null sender.</summary>
public static class TenantQuotaDomains
{
    public static string? Of(string? mailFrom)
    {
        if (string.IsNullOrEmpty(mailFrom)) return null;
        var at = mailFrom.LastIndexOf('@');
        return at < 0 || at == mailFrom.Length - 1 ? null : mailFrom[(at + 1)..].TrimEnd('.').ToLowerInvariant();
    }
}
