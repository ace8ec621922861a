using System.Collections.Frozen;
using Appliance.Mta.Suppression;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// The engine's view of the per-tenant settings: an immutable snapshot swapped on every change, so the RCPT path
/// reads without locks. The engine sees as return-path domains only the verified ones (<see cref="TenantReturnPathVerifier"/>);
/// every configured one is in <see cref="AllReturnPathDomains"/>.
/// </summary>
public sealed class TenantFeedbackSettingsCache(IDbContextFactory<ApplianceDbContext> dbFactory) : ITenantFeedbackSettingsSource
{
    private static readonly Snapshot Empty = new(FrozenDictionary<string, TenantFeedbackSettings>.Empty, FrozenDictionary<string, string>.Empty, FrozenDictionary<string, string>.Empty);

    private readonly Lock _gate = new();
    private volatile Snapshot _snapshot = Empty;

    public TenantFeedbackSettings For(string tenantId) =>
        _snapshot.Tenants.TryGetValue(tenantId, out var s) ? s : TenantFeedbackSettings.Default;

    /// <summary>The return-path domains the appliance is verified MX for (DNS points at it) → tenant: the ones it answers for at RCPT.</summary>
    public IReadOnlyDictionary<string, string> ReturnPathDomains => _snapshot.Verified;

    /// <summary>Every configured tenant return-path domain → tenant, verified or not.</summary>
    public IReadOnlyDictionary<string, string> AllReturnPathDomains => _snapshot.All;

    public bool IsVerified(string domain) => _snapshot.Verified.ContainsKey(domain);

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.TenantFeedbackSettings.AsNoTracking().ToListAsync(ct);
        lock (_gate)
        {
            var all = rows.Where(r => r.ReturnPathDomain is not null).ToFrozenDictionary(r => r.ReturnPathDomain!, r => r.TenantId, StringComparer.Ordinal);
            // A domain stays verified only while it stays with the same tenant.
            var verified = _snapshot.Verified.Where(v => all.TryGetValue(v.Key, out var t) && t == v.Value).ToFrozenDictionary(StringComparer.Ordinal);
            _snapshot = new Snapshot(rows.ToFrozenDictionary(r => r.TenantId, r => r.ToSettings(), StringComparer.Ordinal), all, verified);
        }
    }

    /// <summary>Replaces the verified set: (domain, tenant) pairs still configured that way; others are ignored (changed meanwhile).</summary>
    public void SetVerified(IEnumerable<(string Domain, string TenantId)> domains)
    {
        lock (_gate)
        {
            var all = _snapshot.All;
            var verified = domains.Where(d => all.TryGetValue(d.Domain, out var t) && t == d.TenantId).DistinctBy(d => d.Domain)
                .ToFrozenDictionary(d => d.Domain, d => d.TenantId, StringComparer.Ordinal);
            _snapshot = _snapshot with { Verified = verified };
        }
    }

    private sealed record Snapshot(FrozenDictionary<string, TenantFeedbackSettings> Tenants, FrozenDictionary<string, string> All, FrozenDictionary<string, string> Verified);
}
