using Microsoft.Extensions.Options;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Suppression owns the question "may this tenant send to this address?": it normalises addresses, keeps the
/// in-memory <see cref="SuppressionIndex"/> and hands every change to the <see cref="ISuppressionStore"/>. It does
/// not decide what happens to a suppressed recipient (the policy and filter do, per tenant).
/// </summary>
public sealed class SuppressionList(SuppressionIndex index, ISuppressionStore store, IOptions<SuppressionOptions> options, TimeProvider time)
{
    /// <summary>The normaliser every lookup and entry goes through.</summary>
    public AddressNormalizer Normalizer { get; } = AddressNormalizer.Default;

    /// <summary>The in-memory index read on the RCPT path.</summary>
    public SuppressionIndex Index => index;

    /// <summary>
    /// The suppression settings in force (lifetimes per reason, VERP prefix, unsubscribe base URL, complaint alerts).
    /// </summary>
    public SuppressionOptions Options => options.Value;

    /// <summary>The match for <paramref name="recipient"/> in mail of <paramref name="tenantId"/> from <paramref name="mailFrom"/>.</summary>
    public SuppressionMatch? Find(string recipient, string? tenantId, string? mailFrom)
    {
        var address = Normalizer.Normalize(recipient);
        return address is null ? null : index.Find(address, tenantId, AddressNormalizer.DomainOf(mailFrom), time.GetUtcNow());
    }

    /// <summary>A new entry with the configured lifetime of its reason, or null when the address is not valid.</summary>
    public SuppressionEntry? Create(string address, SuppressionScope scope, string? scopeKey, SuppressionReason reason,
        string? sourceType = null, string? sourceMessageId = null, string? sourceResponse = null)
    {
        var normalized = Normalizer.Normalize(address);
        if (normalized is null) return null;
        var key = scope switch
        {
            SuppressionScope.Global => "",
            SuppressionScope.SenderDomain => AddressNormalizer.NormalizeDomain(scopeKey) ?? "",
            _ => scopeKey ?? "",
        };
        if (scope != SuppressionScope.Global && key.Length == 0) return null;
        var now = time.GetUtcNow();
        return new SuppressionEntry(normalized, scope, key, reason, now, options.Value.ExpiryOf(reason, now), sourceType, sourceMessageId, sourceResponse);
    }

    /// <summary>Indexes the entry and queues its write (engine hot path).</summary>
    public void Add(SuppressionEntry entry)
    {
        index.Set(entry);
        store.Enqueue(entry);
    }

    /// <summary>Indexes the entries and returns once they are written.</summary>
    public async Task AddDurablyAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return;
        await store.WriteAsync(entries, cancellationToken).ConfigureAwait(false);
        foreach (var e in entries) index.Set(e);
    }
}
