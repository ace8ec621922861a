namespace Appliance.Mta.Queue.Spool;

/// <summary>One segment file of a snapshot and how many of its bytes belong to it.</summary>
public sealed record SpoolSnapshotFile(string Path, long Length);
