namespace Appliance.Mta.Suppression;

/// <summary>The 16-byte in-memory form of one suppression (the details stay in the database).</summary>
/// <param name="ExpiresMs">Unix milliseconds, 0 for permanent.</param>
internal readonly record struct IndexedSuppression(SuppressionScope Scope, SuppressionReason Reason, int ScopeKeyId, long ExpiresMs)
{
    public bool IsActiveAt(long nowMs) => ExpiresMs == 0 || ExpiresMs > nowMs;

    public DateTimeOffset? ExpiresAt => ExpiresMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(ExpiresMs);
}
