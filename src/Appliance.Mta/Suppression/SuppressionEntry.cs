namespace Appliance.Mta.Suppression;

/// <summary>
/// One suppression: a normalised address at a scope, why, until when, and the event that caused it (type, spool
/// message id, response) so an admin can see where it came from.
/// </summary>
/// <param name="Address">Normalised with <see cref="AddressNormalizer"/>.</param>
/// <param name="ScopeKey">Tenant id for <see cref="SuppressionScope.Tenant"/>, domain for
/// <see cref="SuppressionScope.SenderDomain"/>, empty for <see cref="SuppressionScope.Global"/>.</param>
/// <param name="ExpiresAt">Null for a permanent entry.</param>
public sealed record SuppressionEntry(
    string Address,
    SuppressionScope Scope,
    string ScopeKey,
    SuppressionReason Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    string? SourceType = null,
    string? SourceMessageId = null,
    string? SourceResponse = null)
{
    /// <summary>True when the entry is in force at <paramref name="now"/> (permanent, or expiring later).</summary>
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is not { } e || e > now;
}
