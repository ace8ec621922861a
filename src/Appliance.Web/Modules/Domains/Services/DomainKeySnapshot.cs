using System.Collections.Frozen;
using Appliance.Mta.Dkim;
using Appliance.Web.Data;
using Appliance.Web.Modules.Domains.Entities;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>
/// The engine's <see cref="IDkimKeyProvider"/> and the bounces module's <see cref="IReturnPathDomains"/>: an in-memory
/// snapshot of the active keys (decrypted once here), tenant policies and return paths, reloaded after every change.
/// </summary>
public sealed class DomainKeySnapshot(IDbContextFactory<ApplianceDbContext> dbFactory, DkimKeyProtector protector, ILogger<DomainKeySnapshot> logger)
    : IDkimKeyProvider, IReturnPathDomains
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile State? _state;

    /// <summary>Completes after the first load (<see cref="DomainSnapshotLoader"/> at start); the signer awaits it.</summary>
    public ValueTask WhenReadyAsync(CancellationToken cancellationToken) =>
        _state is not null ? ValueTask.CompletedTask : new ValueTask(_loaded.Task.WaitAsync(cancellationToken));

    public DkimSigningPlan? Find(string tenantId, string fromDomain)
    {
        var state = Current();
        // Relaxed alignment (RFC 7489 §3.1.1): a sub-domain of an owned domain is signed with the owned domain.
        for (var domain = fromDomain.TrimEnd('.').ToLowerInvariant(); domain.Length > 0; domain = Parent(domain))
        {
            if (state.Domains.TryGetValue(domain, out var entry))
                return string.Equals(entry.TenantId, tenantId, StringComparison.Ordinal) && entry.Plan.Keys.Count > 0 ? entry.Plan : null;
        }
        return null;
    }

    public bool HasKeysFor(string tenantId) => Current().SigningTenants.Contains(tenantId);

    public FromDomainEnforcement EnforcementFor(string tenantId) =>
        Current().Policies.TryGetValue(tenantId, out var e) ? e : FromDomainEnforcement.SignOwnOnly;

    public string? ReturnPathFor(string fromDomain) =>
        Current().Domains.TryGetValue(fromDomain.ToLowerInvariant(), out var entry) ? entry.ReturnPath.ReturnPath : null;

    public ReturnPathDomain? FindByReturnPath(string returnPathDomain) =>
        Current().ByReturnPath.TryGetValue(returnPathDomain.ToLowerInvariant(), out var rp) ? rp : null;

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var domains = await db.Domains.AsNoTracking().Include(d => d.Keys.Where(k => k.Status == DkimKeyStatus.Active)).ToListAsync(ct);
        var policies = await db.TenantPolicies.AsNoTracking().ToListAsync(ct);
        _state = Build(domains, policies);
        _loaded.TrySetResult();
    }

    // Preloaded at start, before any request is served; the signer, which may run earlier, awaits WhenReadyAsync.
    private State Current() =>
        _state ?? throw new InvalidOperationException("The DKIM key snapshot is not loaded yet: it is loaded at start (DomainSnapshotLoader).");

    private State Build(List<SendingDomain> domains, List<TenantSendingPolicy> policies)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var d in domains)
        {
            var keys = new List<DkimSigningKey>();
            foreach (var k in d.Keys.OrderBy(k => k.Algorithm))
            {
                try
                {
                    keys.Add(new DkimSigningKey(k.Selector, k.Algorithm, protector.Unprotect(k.ProtectedPrivateKey)));
                }
                catch (System.Security.Cryptography.CryptographicException e)
                {
                    DomainsLog.KeyUnreadable(logger, e, k.Selector, d.Name);
                }
            }
            entries[d.Name] = new Entry(d.TenantId, new DkimSigningPlan(d.Name, keys), new ReturnPathDomain(d.Name, d.TenantId, d.ReturnPathDomain));
        }
        return new State(
            entries.ToFrozenDictionary(StringComparer.Ordinal),
            policies.ToFrozenDictionary(p => p.TenantId, p => p.Enforcement, StringComparer.Ordinal),
            entries.Values.GroupBy(e => e.ReturnPath.ReturnPath, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First().ReturnPath, StringComparer.Ordinal),
            entries.Values.Where(e => e.Plan.Keys.Count > 0).Select(e => e.TenantId).ToFrozenSet(StringComparer.Ordinal));
    }

    private static string Parent(string domain)
    {
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        // Stop before the last label: a TLD is never a sending domain.
        return dot < 0 || domain.IndexOf('.', dot + 1) < 0 ? "" : domain[(dot + 1)..];
    }

    private sealed record Entry(string TenantId, DkimSigningPlan Plan, ReturnPathDomain ReturnPath);

    private sealed record State(
        FrozenDictionary<string, Entry> Domains,
        FrozenDictionary<string, FromDomainEnforcement> Policies,
        FrozenDictionary<string, ReturnPathDomain> ByReturnPath,
        FrozenSet<string> SigningTenants);
}
