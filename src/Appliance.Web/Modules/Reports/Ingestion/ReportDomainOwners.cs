using Appliance.Web.Modules.Domains.Services;

namespace Appliance.Web.Modules.Reports.Ingestion;

/// <summary>
/// The tenant a report belongs to: the owner of the sending domain equal to the report's domain, or else of a
/// sending domain below it (a DMARC policy at example.com covers mail.example.com, RFC 7489 §6.6.3).
/// </summary>
public sealed class ReportDomainOwners(DomainService domains)
{
    public async Task<Func<string, string?>> LoadAsync(CancellationToken ct)
    {
        var all = await domains.ListAsync(null, ct);
        var map = all.ToDictionary(d => d.Name, d => d.TenantId, StringComparer.OrdinalIgnoreCase);
        return domain =>
        {
            if (domain.Length == 0) return null;
            if (map.TryGetValue(domain, out var t)) return t;
            var below = all.Where(d => d.Name.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase)).Select(d => d.TenantId).Distinct().ToList();
            return below.Count == 1 ? below[0] : null;
        };
    }
}
