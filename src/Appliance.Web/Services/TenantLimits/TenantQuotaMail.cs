using System.Globalization;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>The quota warning mail to one tenant admin: plain text, marked Auto-Submitted (RFC 3834 §5) so nobody auto-replies.</summary>
public static class TenantQuotaMail
{
    public static byte[] Compose(TenantQuotaWarning warning, string tenantName, string from, string to, string host, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(warning);
        var quota = warning.Window switch
        {
            TenantLimitWindow.Hour => "hourly quota (the last 60 minutes)",
            TenantLimitWindow.Day => "daily quota (the last 24 hours)",
            TenantLimitWindow.Month => "monthly quota (the calendar month, UTC)",
            TenantLimitWindow.DomainDay => $"daily quota for the sending domain {warning.Domain} (the UTC day)",
            _ => "quota",
        };
        var consequence = warning.Percent >= 100
            ? warning.Window == TenantLimitWindow.Month
                ? "Further messages are refused (SMTP 550 5.7.0, HTTP 429) until the month ends."
                : "Further messages are refused for now (SMTP 452 4.7.0, HTTP 429 with Retry-After) until the window frees room."
            : "At 100 % further messages are refused until the window frees room.";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Tenant \"{tenantName}\" on the mail appliance {host} has used {warning.Used} of its {quota} of {warning.Limit} messages ({warning.Percent} %).\r\n\r\n{consequence}\r\n\r\nThe usage page of the admin panel shows the counts; ask your provider to change the quota.\r\n\r\n{TenantQuotaAlerts.Describe(warning)}\r\n");
        return SystemMail.Compose(from, to, SystemMail.Subject(host, string.Create(CultureInfo.InvariantCulture, $"{tenantName}: {warning.Percent} % of the {QuotaName(warning)} used")), text, host, now);
    }

    private static string QuotaName(TenantQuotaWarning w) => w.Window switch
    {
        TenantLimitWindow.Hour => "hourly quota",
        TenantLimitWindow.Day => "daily quota",
        TenantLimitWindow.Month => "monthly quota",
        TenantLimitWindow.DomainDay => "daily quota of " + w.Domain,
        _ => "quota",
    };
}
