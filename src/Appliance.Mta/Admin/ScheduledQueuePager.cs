namespace Appliance.Mta.Admin;

/// <summary>Filters, sorts and pages scheduled queue rows for a <see cref="ScheduledQueueQuery"/>: the one implementation
/// the engine's query and any summary-backed <see cref="IQueueAdmin"/> share.</summary>
public static class ScheduledQueuePager
{
    /// <summary>
    /// Filters <paramref name="rows"/> by <paramref name="query"/>, sorts them (ties broken by queue name so pages
    /// never overlap) and returns the requested zero-based page. The page size is clamped to 1..<see
    /// cref="ScheduledQueueQuery.MaxPageSize"/>; a negative page means the first.
    /// </summary>
    public static QueuePage<ScheduledQueueInfo> Apply(IEnumerable<ScheduledQueueInfo> rows, ScheduledQueueQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, ScheduledQueueQuery.MaxPageSize);
        var page = Math.Max(0, query.Page);
        var matching = rows.Where(q => Matches(q, query)).ToList();
        IOrderedEnumerable<ScheduledQueueInfo> ordered = query.Sort switch
        {
            ScheduledQueueSort.Tenant => Order(matching, q => q.Tenant, StringComparer.Ordinal, query.Descending),
            ScheduledQueueSort.Domain => Order(matching, q => q.Domain, StringComparer.OrdinalIgnoreCase, query.Descending),
            ScheduledQueueSort.Messages => Order(matching, q => q.Messages, Comparer<int>.Default, query.Descending),
            ScheduledQueueSort.Recipients => Order(matching, q => q.Recipients, Comparer<int>.Default, query.Descending),
            ScheduledQueueSort.Oldest => Order(matching, q => q.Oldest, Comparer<DateTimeOffset?>.Default, query.Descending),
            ScheduledQueueSort.NextAttempt => Order(matching, q => q.NextAttempt, Comparer<DateTimeOffset?>.Default, query.Descending),
            _ => Order(matching, q => q.Name, StringComparer.Ordinal, query.Descending),
        };
        // The name breaks ties so that pages never overlap or skip rows.
        var items = ordered.ThenBy(q => q.Name, StringComparer.Ordinal).Skip(page * pageSize).Take(pageSize).ToList();
        return new QueuePage<ScheduledQueueInfo>(items, matching.Count, page, pageSize);
    }

    private static IOrderedEnumerable<ScheduledQueueInfo> Order<TKey>(List<ScheduledQueueInfo> rows, Func<ScheduledQueueInfo, TKey> key, IComparer<TKey> comparer, bool descending) =>
        descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);

    private static bool Matches(ScheduledQueueInfo q, ScheduledQueueQuery f) =>
        (f.Tenant is null || string.Equals(q.Tenant, f.Tenant, StringComparison.Ordinal))
        && (f.Campaign is null || string.Equals(q.Campaign, f.Campaign, StringComparison.OrdinalIgnoreCase))
        && (f.Domain is null || string.Equals(q.Domain, f.Domain, StringComparison.OrdinalIgnoreCase))
        && (f.State == ScheduledQueueState.Any || (f.State == ScheduledQueueState.Suspended) == q.Suspended)
        && (string.IsNullOrEmpty(f.Search)
            || q.Name.Contains(f.Search, StringComparison.OrdinalIgnoreCase)
            || (q.LastResponse?.Contains(f.Search, StringComparison.OrdinalIgnoreCase) ?? false));
}
