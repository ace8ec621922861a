using Appliance.Mta.Suppression;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Reports.Mail;

/// <summary>
/// The appliance's own report mailboxes: <see cref="ReportsOptions.LocalParts"/> at every return-path domain (the
/// domains the appliance is MX for) and the configured <see cref="ReportsOptions.Addresses"/>. Answered from memory.
/// </summary>
public sealed class ReportMailboxAddresses(ITenantFeedbackSettingsSource returnPaths, IOptionsMonitor<ReportsOptions> options)
{
    public bool IsReportAddress(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) return false;
        var o = options.CurrentValue;
        if (o.Addresses.Any(a => string.Equals(a.Trim(), address, StringComparison.OrdinalIgnoreCase))) return true;
        var local = address[..at];
        var domain = address[(at + 1)..].TrimEnd('.').ToLowerInvariant();
        return o.LocalParts.Any(l => string.Equals(l.Trim(), local, StringComparison.OrdinalIgnoreCase)) && returnPaths.ReturnPathDomains.ContainsKey(domain);
    }
}
