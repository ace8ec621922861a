namespace Appliance.Mta.Admin;

/// <summary>One page of a server-side list and the number of rows matching the filter across all pages.</summary>
public sealed record QueuePage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
