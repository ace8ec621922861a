using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Appliance.Mta.Suppression;

/// <summary>
/// The engine's in-memory suppression index, read on every RCPT: keyed by the 64-bit XxHash3 of the normalised
/// address (no string per entry, about 40 bytes per entry), with a 16-byte value; scope keys (tenant ids, sender
/// domains) are interned to ints. An address with entries at several scopes keeps the extra ones in a small
/// overflow map. Readers share a lock; writers (loader, listener, admin changes) take it exclusively.
/// A 64-bit hash collision between two addresses (about 3 in 10^8 with a million entries) would suppress both.
/// </summary>
public sealed class SuppressionIndex
{
    private readonly Dictionary<ulong, IndexedSuppression> _first = [];
    private readonly Dictionary<ulong, List<IndexedSuppression>> _more = [];
    private readonly Dictionary<string, int> _keyIds = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    /// <summary>Entries indexed now, across all scopes (takes the read lock).</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _first.Count + _more.Values.Sum(l => l.Count); }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>The 64-bit XxHash3 key of an address already normalised by <see cref="AddressNormalizer"/>.</summary>
    public static ulong HashOf(string normalizedAddress) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(normalizedAddress.AsSpan()));

    /// <summary>Adds or replaces the entry for (address, scope, scope key).</summary>
    public void Set(SuppressionEntry entry)
    {
        _lock.EnterWriteLock();
        try { SetLocked(entry); }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>
    /// Replaces every entry with <paramref name="entries"/> in one step (readers see the old or the new set): the
    /// host's cluster sync after another node removed suppressions (docs/cluster.md).
    /// </summary>
    public void ReplaceAll(IReadOnlyList<SuppressionEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _lock.EnterWriteLock();
        try
        {
            _first.Clear();
            _more.Clear();
            foreach (var entry in entries) SetLocked(entry);
        }
        finally { _lock.ExitWriteLock(); }
    }

    private void SetLocked(SuppressionEntry entry)
    {
        var hash = HashOf(entry.Address);
        var value = new IndexedSuppression(entry.Scope, entry.Reason, KeyIdLocked(entry.ScopeKey), entry.ExpiresAt?.ToUnixTimeMilliseconds() ?? 0);
        if (!_first.TryGetValue(hash, out var first) || SameSlot(first, value)) _first[hash] = value;
        else
        {
            if (!_more.TryGetValue(hash, out var list)) _more[hash] = list = [];
            var i = list.FindIndex(x => SameSlot(x, value));
            if (i >= 0) list[i] = value;
            else list.Add(value);
        }
    }

    /// <summary>Removes the entry for (address, scope, scope key); false when there was none.</summary>
    public bool Remove(string normalizedAddress, SuppressionScope scope, string scopeKey)
    {
        var hash = HashOf(normalizedAddress);
        _lock.EnterWriteLock();
        try
        {
            if (!_keyIds.TryGetValue(scopeKey, out var keyId)) return false;
            var probe = new IndexedSuppression(scope, default, keyId, 0);
            if (_first.TryGetValue(hash, out var first) && SameSlot(first, probe))
            {
                if (_more.TryGetValue(hash, out var list))
                {
                    _first[hash] = list[^1];
                    list.RemoveAt(list.Count - 1);
                    if (list.Count == 0) _more.Remove(hash);
                }
                else _first.Remove(hash);
                return true;
            }
            if (!_more.TryGetValue(hash, out var rest) || rest.RemoveAll(x => SameSlot(x, probe)) == 0) return false;
            if (rest.Count == 0) _more.Remove(hash);
            return true;
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>
    /// The active entry that suppresses <paramref name="normalizedAddress"/> for mail of <paramref name="tenantId"/>
    /// from <paramref name="senderDomain"/>, broadest scope first (global, tenant, sender domain); null when none.
    /// </summary>
    public SuppressionMatch? Find(string normalizedAddress, string? tenantId, string? senderDomain, DateTimeOffset now)
    {
        var hash = HashOf(normalizedAddress);
        var nowMs = now.ToUnixTimeMilliseconds();
        _lock.EnterReadLock();
        try
        {
            if (!_first.TryGetValue(hash, out var first)) return null;
            var tenantKey = tenantId is not null && _keyIds.TryGetValue(tenantId, out var t) ? t : -1;
            var domainKey = senderDomain is not null && _keyIds.TryGetValue(senderDomain, out var d) ? d : -1;
            IndexedSuppression? best = null;
            Consider(first, ref best, tenantKey, domainKey, nowMs);
            if (_more.TryGetValue(hash, out var list))
                foreach (var x in list) Consider(x, ref best, tenantKey, domainKey, nowMs);
            return best is { } b ? new SuppressionMatch(b.Scope, b.Reason, b.ExpiresAt) : null;
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Drops entries expired at <paramref name="now"/>; returns how many.</summary>
    public int PurgeExpired(DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        _lock.EnterWriteLock();
        try
        {
            var removed = 0;
            foreach (var (hash, list) in _more.ToList())
            {
                removed += list.RemoveAll(x => !x.IsActiveAt(nowMs));
                if (list.Count == 0) _more.Remove(hash);
            }
            foreach (var (hash, first) in _first.ToList())
            {
                if (first.IsActiveAt(nowMs)) continue;
                removed++;
                if (_more.TryGetValue(hash, out var list))
                {
                    _first[hash] = list[^1];
                    list.RemoveAt(list.Count - 1);
                    if (list.Count == 0) _more.Remove(hash);
                }
                else _first.Remove(hash);
            }
            return removed;
        }
        finally { _lock.ExitWriteLock(); }
    }

    private static void Consider(IndexedSuppression x, ref IndexedSuppression? best, int tenantKey, int domainKey, long nowMs)
    {
        if (!x.IsActiveAt(nowMs)) return;
        var applies = x.Scope switch
        {
            SuppressionScope.Global => true,
            SuppressionScope.Tenant => x.ScopeKeyId == tenantKey,
            _ => x.ScopeKeyId == domainKey,
        };
        if (applies && (best is null || x.Scope < best.Value.Scope)) best = x;
    }

    private static bool SameSlot(IndexedSuppression a, IndexedSuppression b) => a.Scope == b.Scope && a.ScopeKeyId == b.ScopeKeyId;

    private int KeyIdLocked(string key)
    {
        if (_keyIds.TryGetValue(key, out var id)) return id;
        id = _keyIds.Count;
        _keyIds[key] = id;
        return id;
    }
}
