namespace Appliance.Mta.Queue.Spool;

/// <summary>
/// The segment files of a point-in-time spool view (see <see cref="ISpool.Snapshot"/>). Copy each file's first
/// <see cref="SpoolSnapshotFile.Length"/> bytes, then dispose to let the spool delete dead segments again.
/// Recovery of such a copy sees exactly the messages acknowledged before the snapshot, less those whose removal
/// was also recorded before it.
/// </summary>
public sealed class SpoolSnapshot(IReadOnlyList<SpoolSnapshotFile> files, Action release) : IDisposable
{
    private int _released;

    /// <summary>The segment files and how many bytes of each belong to the snapshot.</summary>
    public IReadOnlyList<SpoolSnapshotFile> Files { get; } = files;

    /// <summary>
    /// Releases the snapshot so the spool may delete dead segments again; safe to call more than once.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) release();
    }
}
