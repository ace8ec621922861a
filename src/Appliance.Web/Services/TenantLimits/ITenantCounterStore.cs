namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// In-memory tenant counters that a store writes to the database: the quota counters (<see cref="TenantQuotaCounterStore"/>)
/// and the metered usage (<see cref="TenantMetering.TenantUsageStore"/>). <see cref="TenantCounterFlusher"/> decides when.
/// </summary>
public interface ITenantCounterStore
{
    /// <summary>What is stored, for log lines ("tenant quota counters").</summary>
    string Name { get; }

    /// <summary>Writes the pending counters now; returns how many rows. On failure they stay pending for the next flush.</summary>
    Task<int> FlushAsync(CancellationToken ct);
}
