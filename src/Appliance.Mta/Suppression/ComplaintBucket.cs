namespace Appliance.Mta.Suppression;

/// <summary>One hour of a complaint window: the hour (Unix hours) and its deliveries and complaints.</summary>
public sealed record ComplaintBucket(long Hour, long Deliveries, long Complaints);
