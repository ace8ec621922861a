using System.Collections.Concurrent;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>
/// Per-policy-domain TLS outcomes for the TLS-RPT (RFC 8460) sender: successful sessions, failures by result type
/// and receiving MX, and the policy in force, aggregated in memory until <see cref="Drain"/> hands them to the host
/// (which persists them and sends the daily reports).
/// </summary>
public sealed class TlsReportStore
{
    /// <summary>RFC 8460 §4.4 policy-type of a domain delivered to under an MTA-STS policy.</summary>
    public const string Sts = "sts";

    /// <summary>RFC 8460 §4.4 policy-type of a domain without a policy whose sessions are reported anyway.</summary>
    public const string NoPolicyFound = "no-policy-found";

    private sealed class Entry
    {
        public long Success;
        public string PolicyType = Sts;
        public MtaStsPolicy? Policy;
        public IReadOnlyList<string>? TlsaRecords;
        public readonly ConcurrentDictionary<(string ResultType, string Mx, string SendingIp), long> Failures = new();
    }

    private ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="policyDomain">The destination (policy) domain.</param>
    /// <param name="policyType">RFC 8460 §4.4 policy-type: "sts", "tlsa" or "no-policy-found".</param>
    public void RecordSuccess(string policyDomain, string policyType = Sts)
    {
        var entry = Get(policyDomain);
        entry.PolicyType = policyType;
        Interlocked.Increment(ref entry.Success);
    }

    /// <param name="policyDomain">The destination (policy) domain.</param>
    /// <param name="resultType">An RFC 8460 §4.3 result type, e.g. "certificate-host-mismatch", "validation-failure".</param>
    /// <param name="policyType">RFC 8460 §4.4 policy-type: "sts", "tlsa" or "no-policy-found".</param>
    /// <param name="receivingMx">The MX host name concerned, when known (receiving-mx-hostname).</param>
    /// <param name="sendingIp">The address the session left from, when bound to one (sending-mta-ip).</param>
    public void RecordFailure(string policyDomain, string resultType, string policyType = Sts, string? receivingMx = null, string? sendingIp = null)
    {
        ArgumentNullException.ThrowIfNull(resultType);
        var entry = Get(policyDomain);
        entry.PolicyType = policyType;
        entry.Failures.AddOrUpdate((resultType, receivingMx?.TrimEnd('.').ToLowerInvariant() ?? "", sendingIp ?? ""), 1, (_, n) => n + 1);
    }

    /// <summary>Remembers the policy applied to the domain, for the report's policy-string and mx-host (RFC 8460 §4.4).</summary>
    public void NotePolicy(string policyDomain, MtaStsPolicy policy) => Get(policyDomain).Policy = policy;

    /// <summary>Remembers the TLSA records applied to the domain under DANE (RFC 8460 §4.4 policy-string of policy-type "tlsa").</summary>
    public void NoteTlsa(string policyDomain, IReadOnlyList<string> records) => Get(policyDomain).TlsaRecords = records;

    /// <summary>
    /// The counters so far without resetting them (for the admin UI); <see cref="Drain"/> is what the report sender
    /// uses.
    /// </summary>
    public IReadOnlyList<TlsReportCounters> Snapshot() => ToCounters(_entries);

    /// <summary>The counters so far, and a fresh start: the host persists what it drains.</summary>
    public IReadOnlyList<TlsReportCounters> Drain() => ToCounters(Interlocked.Exchange(ref _entries, new(StringComparer.OrdinalIgnoreCase)));

    private static List<TlsReportCounters> ToCounters(ConcurrentDictionary<string, Entry> entries) =>
        entries.Select(e => new TlsReportCounters(e.Key, e.Value.PolicyType, Interlocked.Read(ref e.Value.Success),
                e.Value.Failures.GroupBy(f => f.Key.ResultType).ToDictionary(g => g.Key, g => g.Sum(f => f.Value), StringComparer.Ordinal),
                e.Value.Failures.Select(f => new TlsFailureDetail(f.Key.ResultType, f.Key.Mx.Length == 0 ? null : f.Key.Mx, f.Value,
                    f.Key.SendingIp.Length == 0 ? null : f.Key.SendingIp)).ToList())
            { Policy = e.Value.Policy, TlsaRecords = e.Value.TlsaRecords })
            .ToList();

    private Entry Get(string domain) => _entries.GetOrAdd(domain.TrimEnd('.').ToLowerInvariant(), _ => new Entry());
}
