namespace Appliance.Mta.Events;

/// <summary>
/// A search over the event log; null fields match everything. <see cref="MessageId"/> matches the queue id or
/// the Message-ID header. <see cref="Recipient"/> and <see cref="Sender"/> match a whole address
/// case-insensitively, or a domain when they start with '@' ("@example.com"). <see cref="From"/> is inclusive,
/// <see cref="To"/> exclusive.
/// </summary>
public sealed record EventQuery
{
    public string? MessageId { get; init; }
    public string? Recipient { get; init; }
    public string? Sender { get; init; }
    public string? Tenant { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public IReadOnlySet<MtaEventType>? Types { get; init; }
    public int Limit { get; init; } = 100;

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
