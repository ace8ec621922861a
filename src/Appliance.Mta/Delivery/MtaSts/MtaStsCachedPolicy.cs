namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>A policy in the cache: its TXT id, body, and when it expires (fetch time + max_age, RFC 8461 §5.1).</summary>
public sealed record MtaStsCachedPolicy(string Domain, string Id, string Body, DateTimeOffset FetchedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>
    /// The parsed <see cref="Body"/>; a body that no longer parses reads as mode none (no constraint), never as an
    /// error.
    /// </summary>
    public MtaStsPolicy Policy { get; } = MtaStsPolicyParser.Parse(Body).Policy ?? new MtaStsPolicy(MtaStsMode.None, [], TimeSpan.Zero);
}
