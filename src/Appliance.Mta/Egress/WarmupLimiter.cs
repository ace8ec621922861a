using System.Collections.Concurrent;

namespace Appliance.Mta.Egress;

/// <summary>
/// Enforces the day's warmup caps and counts each source's traffic per UTC day, overall and per provider. Counts are
/// in memory; the host persists the daily totals it needs (warmup timeline, automatic hold) from <see cref="Volumes"/>.
/// </summary>
public sealed class WarmupLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<(DateOnly Day, string Source, string Provider), Counter> _counters = new();
    private volatile Dictionary<(string Source, string Provider), long> _caps = [];

    /// <summary>Replaces today's caps (the host's warmup job does this when the day advances or a plan changes).</summary>
    public void ReplaceCaps(IEnumerable<WarmupCap> caps)
    {
        ArgumentNullException.ThrowIfNull(caps);
        var next = new Dictionary<(string, string), long>();
        foreach (var c in caps) next[(c.Source.ToLowerInvariant(), (c.Provider ?? "").ToLowerInvariant())] = Math.Max(0, c.DailyLimit);
        _caps = next;
        foreach (var key in _counters.Keys.Where(k => k.Day < Today.AddDays(-2))) _counters.TryRemove(key, out _);
    }

    /// <summary>
    /// Today's caps as set by <see cref="ReplaceCaps"/>; a null provider is the source's overall cap.
    /// </summary>
    public IReadOnlyList<WarmupCap> Caps => _caps.Select(c => new WarmupCap(c.Key.Source, c.Key.Provider.Length == 0 ? null : c.Key.Provider, c.Value)).ToList();

    /// <summary>The current UTC day, from the injected clock: the day counters and caps apply to.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The start of the next UTC day: when a full cap opens again.</summary>
    public DateTimeOffset NextDay => new(Today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>True when the source can take <paramref name="recipients"/> more today towards the provider.</summary>
    public bool HasRoom(string source, string? provider, int recipients)
    {
        var caps = _caps;
        if (caps.Count == 0) return true;
        var day = Today;
        var s = source.ToLowerInvariant();
        if (caps.TryGetValue((s, ""), out var all) && Get(day, s, "").Sent + recipients > all) return false;
        var p = (provider ?? "").ToLowerInvariant();
        return p.Length == 0 || !caps.TryGetValue((s, p), out var one) || Get(day, s, p).Sent + recipients <= one;
    }

    /// <summary>Counts recipients handed to the source (at selection, so concurrent picks cannot overshoot a cap).</summary>
    public void RecordSent(string source, string? provider, int recipients) => Add(source, provider, c => Interlocked.Add(ref c.Sent, recipients));

    /// <summary>
    /// Counts recipients the source delivered towards the provider today (null provider: counted overall only).
    /// </summary>
    public void RecordDelivered(string source, string? provider, int n = 1) => Add(source, provider, c => Interlocked.Add(ref c.Delivered, n));

    /// <summary>Counts permanent failures whose category says something about the sender (BounceAction.FeedsReputation).</summary>
    public void RecordBounced(string source, string? provider, int n = 1) => Add(source, provider, c => Interlocked.Add(ref c.Bounced, n));

    /// <summary>
    /// Counts permanent failures that say nothing about the sender's reputation (invalid recipients, inactive mailboxes,
    /// bad domains, full mailboxes, message-level refusals): list-hygiene bounces, kept out of the warmup hold rate.
    /// </summary>
    public void RecordHygieneBounced(string source, string? provider, int n = 1) => Add(source, provider, c => Interlocked.Add(ref c.HygieneBounced, n));

    /// <summary>Counts transient failures (deferrals) of the source towards the provider today.</summary>
    public void RecordDeferred(string source, string? provider, int n = 1) => Add(source, provider, c => Interlocked.Add(ref c.Deferred, n));

    /// <summary>Every counter kept (today and the two days before), overall rows have a null provider.</summary>
    public IReadOnlyList<EgressDayVolume> Volumes() =>
        _counters.Select(kv => new EgressDayVolume(kv.Key.Day, kv.Key.Source, kv.Key.Provider.Length == 0 ? null : kv.Key.Provider,
            Volatile.Read(ref kv.Value.Sent), Volatile.Read(ref kv.Value.Delivered), Volatile.Read(ref kv.Value.Bounced), Volatile.Read(ref kv.Value.Deferred),
            Volatile.Read(ref kv.Value.HygieneBounced)))
            .OrderBy(v => v.Day).ThenBy(v => v.Source, StringComparer.Ordinal).ThenBy(v => v.Provider, StringComparer.Ordinal).ToList();

    private void Add(string source, string? provider, Action<Counter> add)
    {
        var day = Today;
        var s = source.ToLowerInvariant();
        add(Get(day, s, ""));
        if (!string.IsNullOrEmpty(provider)) add(Get(day, s, provider.ToLowerInvariant()));
    }

    private Counter Get(DateOnly day, string source, string provider) => _counters.GetOrAdd((day, source, provider), static _ => new Counter());

    private sealed class Counter
    {
        public long Sent;
        public long Delivered;
        public long Bounced;
        public long Deferred;
        public long HygieneBounced;
    }
}
