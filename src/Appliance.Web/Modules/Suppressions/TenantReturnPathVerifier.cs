using System.Net;
using Appliance.Mta.Configuration;
using Appliance.Mta.Dns;
using Appliance.Web.Data;
using Appliance.Web.Modules.Domains;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// Decides which tenant return-path domains the appliance answers for as their MX (<see cref="TenantFeedbackSettingsCache.ReturnPathDomains"/>):
/// only those that still pass <see cref="ReturnPathDomainRules"/> and whose MX records (looked up through the injected
/// <see cref="IDnsResolver"/>) point at the appliance, by its host name or by an address of that name. Until then an
/// inbound RCPT at the domain is not the appliance's business (no 550, no swallowed report address). A temporary DNS
/// failure keeps the previous verdict. Run every minute by <see cref="VerifiedDomainReturnPathsJob"/> and after a change.
/// </summary>
public sealed class TenantReturnPathVerifier(TenantFeedbackSettingsCache cache, IDnsResolver dns, IOptions<MtaOptions> mta, IDbContextFactory<ApplianceDbContext> domainsDb,
    ILogger<TenantReturnPathVerifier> logger)
{
    public async Task VerifyAsync(CancellationToken ct)
    {
        var configured = cache.AllReturnPathDomains;
        if (configured.Count == 0)
        {
            cache.SetVerified([]);
            return;
        }
        var sending = await SendingDomainsAsync(domainsDb, ct);
        var hostname = mta.Value.Hostname.TrimEnd('.');
        IReadOnlySet<IPAddress>? own = null;
        var verified = new List<(string Domain, string TenantId)>();
        foreach (var (domain, tenant) in configured)
        {
            if (ReturnPathDomainRules.Check(domain, tenant, sending, configured) is { } refusal)
            {
                SuppressionsLog.ReturnPathNotServed(logger, domain, tenant, refusal);
                continue;
            }
            var mx = await dns.ResolveMxAsync(domain, ct);
            if (mx.IsTransient)
            {
                if (cache.IsVerified(domain)) verified.Add((domain, tenant));
                continue;
            }
            var exchanges = mx.Records.Where(r => !r.IsNullMx).Select(r => r.Exchange.TrimEnd('.')).ToList();
            if (exchanges.Any(e => e.Equals(hostname, StringComparison.OrdinalIgnoreCase)))
            {
                verified.Add((domain, tenant));
                continue;
            }
            own ??= (await dns.ResolveAddressesAsync(hostname, ct)).Records.ToHashSet();
            foreach (var exchange in exchanges)
            {
                if (own.Count > 0 && (await dns.ResolveAddressesAsync(exchange, ct)).Records.Any(own.Contains))
                {
                    verified.Add((domain, tenant));
                    break;
                }
            }
        }
        cache.SetVerified(verified);
        SuppressionsLog.TenantReturnPathsVerified(logger, verified.Count, configured.Count);
    }

    /// <summary>Every sending domain and its tenant.</summary>
    public static async Task<IReadOnlyList<SendingDomainOwner>> SendingDomainsAsync(IDbContextFactory<ApplianceDbContext> domainsDb, CancellationToken ct)
    {
        await using var db = await domainsDb.CreateDbContextAsync(ct);
        var rows = await db.Domains.AsNoTracking().Select(d => new { d.Name, d.TenantId }).ToListAsync(ct);
        return rows.Select(r => new SendingDomainOwner(r.Name.TrimEnd('.').ToLowerInvariant(), r.TenantId)).ToList();
    }
}
