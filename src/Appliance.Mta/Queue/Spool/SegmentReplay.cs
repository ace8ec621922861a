namespace Appliance.Mta.Queue.Spool;

/// <summary>The records recovery read from one segment, whether they came from its index, and how many bytes it read.</summary>
internal sealed class SegmentReplay(SpoolSegment segment, List<SpoolReplayRecord> records, bool fromIndex, long bytesRead)
{
    public SpoolSegment Segment { get; } = segment;
    public List<SpoolReplayRecord> Records { get; } = records;
    public bool FromIndex { get; } = fromIndex;
    public long BytesRead { get; } = bytesRead;
}
