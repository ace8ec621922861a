using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Mta.Tests.Queue.Spool;

/// <summary>
/// Recovery from the per-segment indexes (SpoolIndexFormat): a sealed segment is replayed from its index without
/// reading message bodies; an index that does not match its segment, a spool written before indexes existed, and
/// the unsealed newest segment (a kill -9) are scanned, so every acknowledged message comes back either way.
/// </summary>
public sealed class SegmentSpoolIndexTests : IDisposable
{
    private readonly string _dir = SpoolTestData.TempDir();

    private SegmentSpool NewSpool() => new(_dir, NullLogger<SegmentSpool>.Instance, segmentLimit: 10_000);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>12 messages over several 10 kB segments, progress for 1 and 5, 2 removed; the last records sit in the
    /// unsealed newest segment, as after a kill -9 (disposal writes no index).</summary>
    private async Task FillAsync()
    {
        await using var spool = NewSpool();
        await spool.RecoverAsync(default);
        for (var i = 1; i <= 12; i++) await spool.StoreAsync(new SpoolId(i), SpoolTestData.Envelope(to: [$"r{i}@x.test", $"s{i}@y.test"]), SpoolTestData.Content(i), default);
        await spool.SaveProgressAsync(new SpoolId(1), new MessageProgress([1], 2, 1111, "451 4.2.0 later"));
        await spool.RemoveAsync(new SpoolId(2));
        await spool.SaveProgressAsync(new SpoolId(5), new MessageProgress([0], 3, 5555, "452 4.2.2 full"));
    }

    private string[] Indexes() => Directory.GetFiles(_dir, "*.idx").Order().ToArray();

    private static async Task<string> StateAsync(SegmentSpool spool)
    {
        var lines = new List<string>();
        foreach (var m in await spool.RecoverAsync(default))
        {
            using var bytes = spool.ReadContent(m.Location);
            var same = bytes.Memory.Span.SequenceEqual(SpoolTestData.Content((int)m.Id.Value).FirstSpan);
            lines.Add($"{m.Id.Value} {string.Join(",", m.Envelope.Recipients.Select(r => r.Address))} done=[{string.Join(",", m.Progress.Done)}] " +
                $"attempts={m.Progress.Attempts} next={m.Progress.NextAttemptUnixMs} last={m.Progress.LastResponse} body={same}");
        }
        return string.Join("\n", lines);
    }

    private static string Expected() => string.Join("\n", new[] { 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }.Select(i =>
        $"{i} r{i}@x.test,s{i}@y.test " + i switch
        {
            1 => "done=[1] attempts=2 next=1111 last=451 4.2.0 later",
            5 => "done=[0] attempts=3 next=5555 last=452 4.2.2 full",
            _ => "done=[] attempts=0 next=0 last=",
        } + " body=True"));

    [Fact]
    public async Task Sealed_segments_get_an_index_and_the_next_start_recovers_from_it_without_reading_bodies()
    {
        await FillAsync();
        var sealedByWriter = Indexes();
        Assert.NotEmpty(sealedByWriter); // the writer indexes a segment when it rolls over
        await using (var first = NewSpool()) Assert.Equal(Expected(), await StateAsync(first));
        var segments = Directory.GetFiles(_dir, "*.seg").Order().ToArray();
        // After a start every segment but the fresh current one is sealed and indexed (the newest was scanned).
        Assert.Equal(segments[..^1].Select(Path.GetFileNameWithoutExtension), Indexes().Select(Path.GetFileNameWithoutExtension));

        // Damage every message body in the sealed segments: a scan would stop at the first bad CRC, the index never
        // reads the bodies, so every envelope and progress still comes back (the bodies themselves are what changed).
        Assert.True(segments[..^1].Sum(Scribble) >= 10);
        await using var second = NewSpool();
        var recovered = await second.RecoverAsync(default);
        Assert.Equal([1L, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], recovered.Select(m => m.Id.Value));
        Assert.Equal([1], recovered[0].Progress.Done);
        Assert.Equal(5555, recovered.Single(m => m.Id.Value == 5).Progress.NextAttemptUnixMs);
    }

    [Fact]
    public async Task An_index_that_does_not_match_its_segment_is_ignored_and_the_segment_scanned()
    {
        await FillAsync();
        await using (var first = NewSpool()) await first.RecoverAsync(default);
        var indexes = Indexes();
        Assert.True(indexes.Length >= 3, $"expected several indexes, got {indexes.Length}");
        // A torn index (crash while writing it), a flipped bit, and an index of another length of its segment.
        var torn = await File.ReadAllBytesAsync(indexes[0]);
        await File.WriteAllBytesAsync(indexes[0], torn[..(torn.Length / 2)]);
        var flipped = await File.ReadAllBytesAsync(indexes[1]);
        flipped[^5] ^= 0x10;
        await File.WriteAllBytesAsync(indexes[1], flipped);
        await using (var stream = new FileStream(Path.ChangeExtension(indexes[2], ".seg"), FileMode.Append)) stream.Write(new byte[3]);
        await using (var second = NewSpool())
        {
            // The third segment now ends in three stray bytes: not the newest, so the scan stops there (nothing lost).
            Assert.Equal(Expected(), await StateAsync(second));
        }
        // The scanned segments got a good index again; the one with stray bytes (corrupt, not newest) keeps being scanned.
        await using var third = NewSpool();
        Assert.Equal(Expected(), await StateAsync(third));
    }

    [Fact]
    public async Task A_spool_written_before_indexes_existed_recovers_and_is_indexed_at_that_start()
    {
        await FillAsync();
        foreach (var index in Indexes()) File.Delete(index); // as main wrote it: segments only
        await using (var first = NewSpool()) Assert.Equal(Expected(), await StateAsync(first));
        Assert.NotEmpty(Indexes());
        await using var second = NewSpool();
        Assert.Equal(Expected(), await StateAsync(second));
    }

    [Fact]
    public async Task A_message_acknowledged_just_before_a_kill_in_the_unsealed_segment_is_recovered_and_a_torn_tail_cut()
    {
        await FillAsync();
        await using (var spool = NewSpool())
        {
            await spool.RecoverAsync(default);
            await spool.StoreAsync(new SpoolId(13), SpoolTestData.Envelope(to: ["r13@x.test", "s13@y.test"]), SpoolTestData.Content(13), default);
            await spool.RemoveAsync(new SpoolId(3)); // refers to a message in an indexed segment
        }
        var newest = Directory.GetFiles(_dir, "*.seg").Order().Last(f => new FileInfo(f).Length > 0);
        Assert.False(File.Exists(Path.ChangeExtension(newest, ".idx"))); // unsealed at the "kill"
        var length = new FileInfo(newest).Length;
        await using (var stream = new FileStream(newest, FileMode.Append)) stream.Write((await File.ReadAllBytesAsync(newest))[..40]); // a torn record
        await using var reopened = NewSpool();
        var state = await StateAsync(reopened);
        Assert.Equal(Expected().Replace("3 r3@x.test,s3@y.test done=[] attempts=0 next=0 last= body=True\n", "", StringComparison.Ordinal)
            + "\n13 r13@x.test,s13@y.test done=[] attempts=0 next=0 last= body=True", state);
        Assert.Equal(length, new FileInfo(newest).Length);
    }

    [Fact]
    public async Task Stray_indexes_without_their_segment_and_half_written_ones_are_deleted()
    {
        await FillAsync();
        var stray = Path.Combine(_dir, "0000009999.idx");
        var partial = Path.Combine(_dir, "0000000001.idx.tmp");
        File.Copy(Indexes()[0], stray);
        await File.WriteAllBytesAsync(partial, [1, 2, 3]);
        await using (var spool = NewSpool()) Assert.Equal(Expected(), await StateAsync(spool));
        Assert.False(File.Exists(stray));
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task A_dead_segment_is_deleted_with_its_index()
    {
        await using var spool = NewSpool();
        await spool.RecoverAsync(default);
        for (var i = 1; i <= 12; i++) await spool.StoreAsync(new SpoolId(i), SpoolTestData.Envelope(), SpoolTestData.Content(i), default);
        Assert.NotEmpty(Indexes());
        for (var i = 1; i <= 12; i++) await spool.RemoveAsync(new SpoolId(i));
        await spool.StoreAsync(new SpoolId(99), SpoolTestData.Envelope(), SpoolTestData.Content(99), default);
        var segments = Directory.GetFiles(_dir, "*.seg").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.All(Indexes(), i => Assert.Contains(Path.GetFileNameWithoutExtension(i), segments));
    }

    /// <summary>Changes one byte of every body line in the segment; returns how many it changed.</summary>
    private static int Scribble(string segment)
    {
        var bytes = File.ReadAllBytes(segment);
        var marker = "line of body text "u8;
        var changed = 0;
        for (var i = bytes.AsSpan().IndexOf(marker); i >= 0 && i < bytes.Length; )
        {
            bytes[i] = (byte)'X';
            changed++;
            var next = bytes.AsSpan(i + 1).IndexOf(marker);
            i = next < 0 ? -1 : i + 1 + next;
        }
        File.WriteAllBytes(segment, bytes);
        return changed;
    }
}
