namespace Appliance.Mta.Queue.Spool;

/// <summary>Where a message's content bytes live: segment number, byte offset and length.</summary>
public readonly record struct SpoolLocation(int Segment, long Offset, int Length);
