namespace Appliance.Mta.Queue.Spool;

/// <summary>Where a message's content bytes live: segment number, byte offset and length. A class, so that
/// swapping a relocated message's location is one atomic reference write.</summary>
public sealed record SpoolLocation(int Segment, long Offset, int Length);
