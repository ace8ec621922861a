namespace Appliance.Mta.Queue.Spool;

public sealed partial class SegmentSpool
{
    /// <summary>Guards the view a snapshot takes (current segment, its acknowledged length, the segment set).</summary>
    private readonly Lock _snapshotLock = new();

    /// <summary>Open snapshots; while above zero, dead segments are kept.</summary>
    private int _pins;

    /// <inheritdoc/>
    public SpoolSnapshot Snapshot()
    {
        lock (_snapshotLock)
        {
            Interlocked.Increment(ref _pins);
            var files = new List<SpoolSnapshotFile>(_segments.Count);
            foreach (var segment in _segments.Values.OrderBy(s => s.Number))
            {
                // The current segment counts only up to the last fsynced batch; older ones are complete.
                var length = segment == _current ? _currentLength : RandomAccess.GetLength(segment.Handle);
                files.Add(new SpoolSnapshotFile(segment.Path, length));
            }
            return new SpoolSnapshot(files, () => Interlocked.Decrement(ref _pins));
        }
    }
}
