using Appliance.Mta.Dns;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>
/// RFC 8461 §3, §5.1 policy discovery: the _mta-sts TXT record, then the cached policy when its id matches and it
/// has not expired, else a fetch. A fresh policy replaces the cache; on any failure an unexpired cached policy
/// stays in force.
/// </summary>
public sealed class MtaStsPolicyResolver
{
    private readonly IDnsResolver _dns;
    private readonly IMtaStsPolicySource _fetcher;
    private readonly MtaStsPolicyStore _store;
    private readonly TimeProvider _time;

    /// <summary>
    /// A resolver over the _mta-sts TXT lookup (<paramref name="dns"/>), the policy source, the policy cache and the
    /// clock that decides expiry.
    /// </summary>
    public MtaStsPolicyResolver(IDnsResolver dns, IMtaStsPolicySource fetcher, MtaStsPolicyStore store, TimeProvider time)
    {
        _dns = dns;
        _fetcher = fetcher;
        _store = store;
        _time = time;
    }

    /// <summary>
    /// The policy in force for <paramref name="domain"/>: cached when the TXT id matches and it has not expired, else
    /// fetched and cached; when the TXT record or the fetch fails, an unexpired cached policy stays valid (RFC 8461
    /// §5.1). NoPolicy for a malformed domain or no valid record; FetchError (with its RFC 8460 result type) when
    /// nothing usable is left.
    /// </summary>
    public async Task<MtaStsLookup> GetPolicyAsync(string domain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var name = domain.TrimEnd('.').ToLowerInvariant();
        if (name.Length == 0 || name.StartsWith('.') || name.Contains("..", StringComparison.Ordinal))
            return new MtaStsLookup(MtaStsLookupStatus.NoPolicy, null, null, $"'{domain}' is not a domain name");
        var now = _time.GetUtcNow();
        var cached = _store.Get(name);
        var usable = cached is not null && cached.ExpiresAt > now ? cached : null;
        var txt = await _dns.ResolveTxtAsync("_mta-sts." + name, ct).ConfigureAwait(false);
        // §3.1: exactly one record starting with v=STSv1; several are treated as none.
        var candidates = txt.Records.Where(r => r.StartsWith("v=STSv1", StringComparison.Ordinal)).ToList();
        var record = candidates.Count == 1 ? MtaStsTxtRecord.TryParse(candidates[0]) : null;
        if (record is null)
        {
            return usable is not null
                ? new MtaStsLookup(MtaStsLookupStatus.Valid, usable.Policy, null, "cached policy (no usable TXT record now)")
                : new MtaStsLookup(MtaStsLookupStatus.NoPolicy, null, null, txt.IsTransient ? $"_mta-sts TXT lookup: {txt.Status}" : "no valid _mta-sts record");
        }
        if (usable is not null && usable.Id == record.Id)
            return new MtaStsLookup(MtaStsLookupStatus.Valid, usable.Policy, null, "cached policy");
        var fetched = await _fetcher.FetchAsync(name, ct).ConfigureAwait(false);
        if (fetched.Policy is not null)
        {
            _store.Put(new MtaStsCachedPolicy(name, record.Id, fetched.Body!, now, now + fetched.Policy.MaxAge));
            return new MtaStsLookup(MtaStsLookupStatus.Valid, fetched.Policy, null, "fetched policy");
        }
        return usable is not null
            ? new MtaStsLookup(MtaStsLookupStatus.Valid, usable.Policy, fetched.ResultType, $"cached policy (refresh failed: {fetched.Error})")
            : new MtaStsLookup(MtaStsLookupStatus.FetchError, null, fetched.ResultType, fetched.Error!);
    }
}
