using System.Collections.Frozen;
using Appliance.Mta.Suppression;
using Appliance.Web.Data;
using Appliance.Web.Modules.Domains;
using Appliance.Web.Modules.Domains.Entities;
using Appliance.Web.Modules.Domains.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// The engine's <see cref="IDomainReturnPathSource"/>: the domains module's per-domain return paths, but only those
/// whose latest DNS health run passed the "return-path-mx" check (the appliance is their MX). The default
/// bounces.&lt;domain&gt; is often not published; until it is, VERP keeps using the tenant's return-path domain.
/// Held in memory, reloaded by <see cref="VerifiedDomainReturnPathsJob"/> (and after start).
/// </summary>
public sealed class VerifiedDomainReturnPaths(IDbContextFactory<ApplianceDbContext> dbFactory, ILogger<VerifiedDomainReturnPaths> logger) : IDomainReturnPathSource
{
    /// <summary>The name of the domain health check that proves the appliance receives the return-path domain's mail.</summary>
    public const string MxCheck = "return-path-mx";

    private volatile Snapshot _snapshot = Snapshot.Empty;

    public string? ReturnPathFor(string tenantId, string senderDomain) =>
        _snapshot.BySender.TryGetValue(senderDomain, out var e) && string.Equals(e.TenantId, tenantId, StringComparison.Ordinal) ? e.ReturnPath : null;

    public bool IsReturnPathDomain(string domain) => _snapshot.ReturnPaths.Contains(domain);

    /// <summary>Re-reads the domains with their latest check run, in one query.</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var domains = await db.Domains.AsNoTracking()
            .Select(d => new
            {
                d.Name,
                d.TenantId,
                d.ReturnPathDomain,
                Latest = db.Set<DomainCheckRun>().Where(r => r.SendingDomainId == d.Id).OrderByDescending(r => r.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var rows = domains.Select(d => new DomainReturnPathRow(d.Name, d.TenantId, d.ReturnPathDomain,
            d.Latest is not null && DomainHealthService.Checks(d.Latest)
                .Any(c => c.Check == MxCheck && string.Equals(c.Status, "pass", StringComparison.OrdinalIgnoreCase)))).ToList();
        Apply(rows);
        SuppressionsLog.DomainReturnPathsVerified(logger, rows.Count(r => r.MxPassed), rows.Count);
    }

    /// <summary>Replaces the snapshot: only rows whose MX check passed are used.</summary>
    public void Apply(IEnumerable<DomainReturnPathRow> rows)
    {
        var verified = rows.Where(r => r.MxPassed && r.ReturnPath.Length > 0).ToList();
        _snapshot = new Snapshot(
            verified.ToFrozenDictionary(r => r.Domain.ToLowerInvariant(), r => (r.TenantId, ReturnPath: r.ReturnPath.ToLowerInvariant()), StringComparer.Ordinal),
            verified.Select(r => r.ReturnPath.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal));
    }

    private sealed record Snapshot(FrozenDictionary<string, (string TenantId, string ReturnPath)> BySender, FrozenSet<string> ReturnPaths)
    {
        public static readonly Snapshot Empty = new(FrozenDictionary<string, (string, string)>.Empty, FrozenSet<string>.Empty);
    }
}
