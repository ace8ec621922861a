using System.Collections.Concurrent;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>
/// Per-destination TLS outcomes for a later TLS-RPT (RFC 8460) sender: success and failure counts with result types,
/// kept in memory since the last <see cref="Drain"/>.
/// </summary>
public sealed class TlsReportStore
{
    private sealed class Entry
    {
        public long Success;
        public string PolicyType = "sts";
        public readonly ConcurrentDictionary<string, long> Failures = new(StringComparer.Ordinal);
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public void RecordSuccess(string policyDomain) => Interlocked.Increment(ref Get(policyDomain).Success);

    /// <param name="resultType">An RFC 8460 §4.3 result type, e.g. "certificate-host-mismatch", "validation-failure".</param>
    public void RecordFailure(string policyDomain, string resultType, string policyType = "sts")
    {
        var entry = Get(policyDomain);
        entry.PolicyType = policyType;
        entry.Failures.AddOrUpdate(resultType, 1, (_, n) => n + 1);
    }

    public IReadOnlyList<TlsReportCounters> Snapshot() =>
        _entries.Select(e => new TlsReportCounters(e.Key, e.Value.PolicyType, Interlocked.Read(ref e.Value.Success), new Dictionary<string, long>(e.Value.Failures))).ToList();

    /// <summary>The counters so far, and a fresh start (for a daily report).</summary>
    public IReadOnlyList<TlsReportCounters> Drain()
    {
        var snapshot = Snapshot();
        _entries.Clear();
        return snapshot;
    }

    private Entry Get(string domain) => _entries.GetOrAdd(domain.TrimEnd('.').ToLowerInvariant(), _ => new Entry());
}
