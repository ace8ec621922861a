namespace Appliance.Mta.Admin;

/// <summary>
/// One page of the scheduled queue list: filters (null matches everything; tenant exact, domain and campaign
/// case-insensitive, <see cref="Search"/> a case-insensitive substring of the queue name or last response), a sort and
/// a zero-based page. The cost is bounded by the number of scheduled queues, never by the number of queued items.
/// </summary>
public sealed record ScheduledQueueQuery(
    string? Tenant = null, string? Campaign = null, string? Domain = null, ScheduledQueueState State = ScheduledQueueState.Any, string? Search = null,
    ScheduledQueueSort Sort = ScheduledQueueSort.Name, bool Descending = false, int Page = 0, int PageSize = ScheduledQueueQuery.DefaultPageSize)
{
    /// <summary>Rows per page when the caller does not say.</summary>
    public const int DefaultPageSize = 25;

    /// <summary>Larger pages are refused by the API and clamped by the engine.</summary>
    public const int MaxPageSize = 500;
}
