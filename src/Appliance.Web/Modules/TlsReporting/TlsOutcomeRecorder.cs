using System.Globalization;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Web.Data;
using Appliance.Web.Modules.TlsReporting.Entities;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.TlsReporting;

/// <summary>
/// Moves the engine's in-memory TLS outcomes (<see cref="TlsReportStore.Drain"/>) into the daily counts of the
/// database, so they survive restarts; runs on a schedule and once more when the host stops.
/// </summary>
public sealed class TlsOutcomeRecorder(TlsReportStore store, IDbContextFactory<ApplianceDbContext> dbFactory, TimeProvider time)
    : IHostedService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Adds the drained outcomes to today's (UTC) rows; returns how many policy domains had outcomes.</summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var drained = store.Drain();
            if (drained.Count == 0) return 0;
            var day = Day(time.GetUtcNow());
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var domains = drained.Select(c => c.PolicyDomain).Concat(drained.Select(c => TlsaSnapshotKey(c.PolicyDomain))).ToList();
            var existing = await db.Outcomes.Where(o => o.Day == day && domains.Contains(o.PolicyDomain)).ToListAsync(ct);
            var policies = await db.Policies.Where(p => p.Day == day && domains.Contains(p.PolicyDomain)).ToListAsync(ct);
            foreach (var counters in drained)
            {
                if (counters.SuccessCount > 0) Add(db, existing, day, counters, TlsOutcomeCount.Success, "", "", counters.SuccessCount);
                foreach (var detail in counters.Details)
                    Add(db, existing, day, counters, detail.ResultType, detail.ReceivingMx ?? "", detail.SendingMtaIp ?? "", detail.Count);
                if (counters.Policy is { } policy) NotePolicy(db, policies, day, counters.PolicyDomain, policy);
                if (counters.TlsaRecords is { Count: > 0 } tlsa) NoteTlsa(db, policies, day, counters.PolicyDomain, tlsa);
            }
            await db.SaveChangesAsync(ct);
            return drained.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    public static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Flushes what is still in memory when the host stops.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => FlushAsync(CancellationToken.None);

    private static void Add(ApplianceDbContext db, List<TlsOutcomeCount> existing, string day, TlsReportCounters counters, string result, string mx,
        string sendingIp, long count)
    {
        var row = existing.FirstOrDefault(o => o.PolicyDomain == counters.PolicyDomain && o.PolicyType == counters.PolicyType
            && o.ResultType == result && o.ReceivingMx == mx && o.SendingIp == sendingIp);
        if (row is null)
        {
            row = new TlsOutcomeCount
            {
                Day = day, PolicyDomain = counters.PolicyDomain, PolicyType = counters.PolicyType, ResultType = result, ReceivingMx = mx, SendingIp = sendingIp,
            };
            existing.Add(row);
            db.Outcomes.Add(row);
        }
        row.Count += count;
    }

    /// <summary>
    /// The policy-snapshot key of a domain's TLSA records (RFC 8460 §4.4 policy-type "tlsa"): the snapshot table has one
    /// row per day and policy domain and no policy-type column, so DANE's row is kept beside the MTA-STS one.
    /// </summary>
    public static string TlsaSnapshotKey(string policyDomain) => "tlsa:" + policyDomain;

    private static void NoteTlsa(ApplianceDbContext db, List<TlsPolicySnapshot> policies, string day, string domain, IReadOnlyList<string> records)
    {
        var key = TlsaSnapshotKey(domain);
        var row = policies.FirstOrDefault(p => p.PolicyDomain == key);
        if (row is null)
        {
            row = new TlsPolicySnapshot { Day = day, PolicyDomain = key, PolicyStrings = "", MxHosts = "" };
            policies.Add(row);
            db.Policies.Add(row);
        }
        row.PolicyStrings = string.Join('\n', records);
    }

    private static void NotePolicy(ApplianceDbContext db, List<TlsPolicySnapshot> policies, string day, string domain, MtaStsPolicy policy)
    {
        var row = policies.FirstOrDefault(p => p.PolicyDomain == domain);
        if (row is null)
        {
            row = new TlsPolicySnapshot { Day = day, PolicyDomain = domain, PolicyStrings = "", MxHosts = "" };
            policies.Add(row);
            db.Policies.Add(row);
        }
        row.PolicyStrings = string.Join('\n', MtaStsPolicyText.Lines(policy));
        row.MxHosts = string.Join('\n', policy.MxPatterns);
    }
}
