using System.Buffers;
using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Mta.Tests.Queue.Spool;

/// <summary>Backups copy a snapshot of the live spool: exactly what was acknowledged before it, nothing torn.</summary>
public sealed class SegmentSpoolSnapshotTests : IDisposable
{
    private readonly string _dir = SpoolTestData.TempDir();
    private readonly string _copy = SpoolTestData.TempDir();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Directory.Delete(_copy, recursive: true);
    }

    [Fact]
    public async Task Copy_of_a_snapshot_recovers_the_messages_acknowledged_before_it_and_no_later_ones()
    {
        // Small segments so the snapshot spans several files and later writes roll new ones.
        await using var spool = new SegmentSpool(_dir, NullLogger<SegmentSpool>.Instance, segmentLimit: 8 * 1024);
        await spool.RecoverAsync(default);
        for (var i = 1; i <= 10; i++) await spool.StoreAsync(new SpoolId(i), SpoolTestData.Envelope(), SpoolTestData.Content(i), default);
        await spool.RemoveAsync(new SpoolId(3));

        using (var snapshot = spool.Snapshot())
        {
            // After the snapshot: more messages, and removals that would normally delete old segments.
            for (var i = 11; i <= 20; i++) await spool.StoreAsync(new SpoolId(i), SpoolTestData.Envelope(), SpoolTestData.Content(i), default);
            for (var i = 1; i <= 10; i++) await spool.RemoveAsync(new SpoolId(i));
            Assert.True(snapshot.Files.Count > 1, "the test needs a snapshot across several segments");
            Assert.All(snapshot.Files, f => Assert.True(File.Exists(f.Path), $"{f.Path} was deleted while the snapshot was open"));
            foreach (var file in snapshot.Files)
            {
                await using var source = File.OpenRead(file.Path);
                await using var target = File.Create(Path.Combine(_copy, Path.GetFileName(file.Path)));
                var bytes = new byte[file.Length];
                await source.ReadExactlyAsync(bytes);
                await target.WriteAsync(bytes);
            }
        }

        await using var restored = new SegmentSpool(_copy, NullLogger<SegmentSpool>.Instance, segmentLimit: 8 * 1024);
        var recovered = await restored.RecoverAsync(default);
        Assert.Equal([1, 2, 4, 5, 6, 7, 8, 9, 10], recovered.Select(m => m.Id.Value).Order());
        foreach (var m in recovered)
        {
            using var content = restored.ReadContent(m.Location);
            Assert.Equal(SpoolTestData.Content((int)m.Id.Value).ToArray(), content.Memory.ToArray());
        }
    }

    [Fact]
    public async Task Dead_segments_are_deleted_again_once_the_snapshot_is_disposed()
    {
        await using var spool = new SegmentSpool(_dir, NullLogger<SegmentSpool>.Instance, segmentLimit: 4 * 1024);
        await spool.RecoverAsync(default);
        for (var i = 1; i <= 10; i++) await spool.StoreAsync(new SpoolId(i), SpoolTestData.Envelope(), SpoolTestData.Content(i), default);
        var snapshot = spool.Snapshot();
        for (var i = 1; i <= 10; i++) await spool.RemoveAsync(new SpoolId(i));
        var pinned = spool.SegmentCount;
        snapshot.Dispose();
        // The next batch runs the deletion the snapshot held back, right after it acknowledges its records; the writer
        // finishes that before it takes the batch after, so once a second store is acknowledged the deletion is done.
        await spool.StoreAsync(new SpoolId(11), SpoolTestData.Envelope(), SpoolTestData.Content(11), default);
        await spool.StoreAsync(new SpoolId(12), SpoolTestData.Envelope(), SpoolTestData.Content(12), default);
        Assert.True(spool.SegmentCount < pinned, $"segments stayed at {spool.SegmentCount} after the snapshot ended (pinned: {pinned})");
    }
}
