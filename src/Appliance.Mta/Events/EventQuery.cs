namespace Appliance.Mta.Events;

/// <summary>
/// A search over the event log; null fields match everything. <see cref="MessageId"/> matches the queue id or
/// the Message-ID header. <see cref="Recipient"/> and <see cref="Sender"/> match a whole address
/// case-insensitively, or a domain when they start with '@' ("@example.com"). <see cref="From"/> is inclusive,
/// <see cref="To"/> exclusive.
/// </summary>
public sealed record EventQuery
{
    /// <summary>The queue id (spool id) or the Message-ID header value, exact.</summary>
    public string? MessageId { get; init; }
    /// <summary>The recipient address (case-insensitive), or "@domain" for any recipient of the domain.</summary>
    public string? Recipient { get; init; }
    /// <summary>The envelope sender (case-insensitive), or "@domain" for any sender of the domain.</summary>
    public string? Sender { get; init; }
    /// <summary>The tenant id, exact (ordinal).</summary>
    public string? Tenant { get; init; }
    /// <summary>Earliest timestamp, inclusive.</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>Latest timestamp, exclusive.</summary>
    public DateTimeOffset? To { get; init; }
    /// <summary>Event types to return; null returns every type.</summary>
    public IReadOnlySet<MtaEventType>? Types { get; init; }
    /// <summary>Most events returned (newest first); 0 or less returns none.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>
    /// True when <paramref name="e"/> satisfies every field of the query (the exact test every search result passes).
    /// </summary>
    public bool Matches(MtaEvent e) =>
        (MessageId is null || e.MessageId == MessageId || e.MessageIdHeader == MessageId)
        && AddressMatches(Recipient, e.Recipient)
        && AddressMatches(Sender, e.Sender)
        && (Tenant is null || string.Equals(e.Tenant, Tenant, StringComparison.Ordinal))
        && (From is null || e.Timestamp >= From)
        && (To is null || e.Timestamp < To)
        && (Types is null || Types.Contains(e.Type));

    /// <summary>A cheap test on the raw JSON line before it is parsed: false only when the event cannot match.</summary>
    public bool MayMatch(string line) =>
        (MessageId is null || line.Contains(MessageId, StringComparison.Ordinal))
        && (Recipient is null || line.Contains(Recipient, StringComparison.OrdinalIgnoreCase))
        && (Sender is null || line.Contains(Sender, StringComparison.OrdinalIgnoreCase))
        && (Tenant is null || line.Contains(Tenant, StringComparison.Ordinal));

    /// <summary>False when no event of the hour starting at <paramref name="hour"/> can be in [From, To).</summary>
    public bool Overlaps(DateTimeOffset hour) =>
        (From is null || hour.AddHours(1) > From) && (To is null || hour < To);

    private static bool AddressMatches(string? wanted, string? actual) =>
        wanted is null
        || (actual is not null && (wanted.StartsWith('@')
            ? actual.EndsWith(wanted, StringComparison.OrdinalIgnoreCase)
            : string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase)));
}
