using System.Buffers;
using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Mta.Tests.Queue.Spool;

public sealed class SegmentSpoolTests : IDisposable
{
    private readonly string _dir = SpoolTestData.TempDir();

    private SegmentSpool NewSpool(long segmentLimit = 64L * 1024 * 1024) => new(_dir, NullLogger<SegmentSpool>.Instance, segmentLimit);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Stored_message_is_recovered_with_identical_envelope_and_bytes()
    {
        var content = SpoolTestData.Content(1);
        var envelope = SpoolTestData.Envelope("a@example.org", "x@one.test", "y@two.test");
        await using (var spool = NewSpool())
        {
            await spool.RecoverAsync(default);
            var location = await spool.StoreAsync(new SpoolId(42), envelope, content, default);
            using var read = spool.ReadContent(location);
            Assert.Equal(content.ToArray(), read.Memory.ToArray());
        }
        await using var reopened = NewSpool();
        var recovered = Assert.Single(await reopened.RecoverAsync(default));
        Assert.Equal(new SpoolId(42), recovered.Id);
        Assert.Equal(envelope.MailFrom, recovered.Envelope.MailFrom);
        Assert.Equal(["x@one.test", "y@two.test"], recovered.Envelope.Recipients.Select(r => r.Address));
        Assert.Equal("spring", recovered.Envelope.Campaign);
        Assert.Equal(envelope.ReceivedAt, recovered.Envelope.ReceivedAt);
        using var bytes = reopened.ReadContent(recovered.Location);
        Assert.Equal(content.ToArray(), bytes.Memory.ToArray());
    }

    [Fact]
    public async Task Recovered_envelopes_and_replies_share_their_repeated_texts()
    {
        await using (var spool = NewSpool())
        {
            await spool.RecoverAsync(default);
            for (var i = 1; i <= 3; i++)
            {
                await spool.StoreAsync(new SpoolId(i), SpoolTestData.Envelope($"s{i}@example.org", $"r{i}@one.test"), SpoolTestData.Content(i), default);
                await spool.SaveProgressAsync(new SpoolId(i), new MessageProgress([], 1, 1_000, "421 4.4.1 Connection refused by 127.0.0.1:25"));
            }
        }
        await using var reopened = NewSpool();
        var recovered = await reopened.RecoverAsync(default);

        Assert.Equal(3, recovered.Count);
        // Issue 22: a million recovered messages must not hold a million copies of the same reply.
        Assert.Same(recovered[0].Progress.LastResponse, recovered[2].Progress.LastResponse);
        Assert.Equal("421 4.4.1 Connection refused by 127.0.0.1:25", recovered[1].Progress.LastResponse);
        Assert.Same(recovered[0].Envelope.TenantId, recovered[2].Envelope.TenantId);
        Assert.Same(recovered[0].Envelope.ClientAddress, recovered[2].Envelope.ClientAddress);
        Assert.Equal("s2@example.org", recovered[1].Envelope.MailFrom);
    }

    [Fact]
    public async Task Progress_and_removal_survive_a_restart()
    {
        await using (var spool = NewSpool())
        {
            await spool.RecoverAsync(default);
            var a = await spool.StoreAsync(new SpoolId(1), SpoolTestData.Envelope(to: ["a@x.test", "b@x.test"]), SpoolTestData.Content(1), default);
            var b = await spool.StoreAsync(new SpoolId(2), SpoolTestData.Envelope(), SpoolTestData.Content(2), default);
            await spool.SaveProgressAsync(new SpoolId(1), new MessageProgress([1], 3, 1234, "451 4.2.0 later"));
            await spool.RemoveAsync(new SpoolId(2));
        }
        await using var reopened = NewSpool();
        var recovered = Assert.Single(await reopened.RecoverAsync(default));
        Assert.Equal(new SpoolId(1), recovered.Id);
        Assert.Equal([1], recovered.Progress.Done);
        Assert.Equal(3, recovered.Progress.Attempts);
        Assert.Equal(1234, recovered.Progress.NextAttemptUnixMs);
    }

    [Fact]
    public async Task Torn_tail_is_cut_off_and_earlier_messages_survive()
    {
        await using (var spool = NewSpool())
        {
            await spool.RecoverAsync(default);
            for (var i = 1; i <= 3; i++) await spool.StoreAsync(new SpoolId(i), SpoolTestData.Envelope(), SpoolTestData.Content(i), default);
        }
        var segment = Directory.GetFiles(_dir, "*.seg").Order().Last(f => new FileInfo(f).Length > 0);
        var full = await File.ReadAllBytesAsync(segment);
        // Simulate a crash in the middle of writing a fourth record: a valid header prefix and half a payload.
        var torn = full.AsSpan(0, full.Length / 3 - 7).ToArray(); // records are equal-sized: cut inside the copy of the first
        await using (var stream = new FileStream(segment, FileMode.Append)) await stream.WriteAsync(torn);
        await using (var spool = NewSpool())
        {
            var recovered = await spool.RecoverAsync(default);
            Assert.Equal([1L, 2L, 3L], recovered.Select(r => r.Id.Value));
            await spool.StoreAsync(new SpoolId(4), SpoolTestData.Envelope(), SpoolTestData.Content(4), default);
        }
        Assert.Equal(full.Length, new FileInfo(segment).Length);
        await using var again = NewSpool();
        Assert.Equal([1L, 2L, 3L, 4L], (await again.RecoverAsync(default)).Select(r => r.Id.Value));
    }

    [Fact]
    public async Task Corrupted_byte_in_a_record_drops_only_that_record_onwards()
    {
        await using (var spool = NewSpool())
        {
            await spool.RecoverAsync(default);
            for (var i = 1; i <= 3; i++) await spool.StoreAsync(new SpoolId(i), SpoolTestData.Envelope(), SpoolTestData.Content(i), default);
        }
        var segment = Directory.GetFiles(_dir, "*.seg").Order().Last(f => new FileInfo(f).Length > 0);
        var bytes = await File.ReadAllBytesAsync(segment);
        bytes[^10] ^= 0xFF; // inside the third record's content: its CRC no longer matches
        await File.WriteAllBytesAsync(segment, bytes);
        await using var reopened = NewSpool();
        Assert.Equal([1L, 2L], (await reopened.RecoverAsync(default)).Select(r => r.Id.Value));
    }

    [Fact]
    public async Task Segments_roll_and_are_deleted_once_every_message_in_them_is_done()
    {
        await using var spool = NewSpool(segmentLimit: 10_000);
        await spool.RecoverAsync(default);
        var stored = new List<(SpoolId Id, SpoolLocation Location)>();
        for (var i = 1; i <= 12; i++)
        {
            var id = new SpoolId(i);
            stored.Add((id, await spool.StoreAsync(id, SpoolTestData.Envelope(), SpoolTestData.Content(i), default)));
        }
        var segmentsWhileLive = Directory.GetFiles(_dir, "*.seg").Length;
        Assert.True(segmentsWhileLive >= 4, $"expected several segments, got {segmentsWhileLive}");
        foreach (var (id, _) in stored) await spool.RemoveAsync(id);
        await spool.StoreAsync(new SpoolId(99), SpoolTestData.Envelope(), SpoolTestData.Content(99), default); // triggers collection
        Assert.True(Directory.GetFiles(_dir, "*.seg").Length <= 2, string.Join(",", Directory.GetFiles(_dir)));
    }

    [Fact]
    public async Task Concurrent_stores_all_complete_and_all_recover()
    {
        await using (var spool = NewSpool())
        {
            await spool.RecoverAsync(default);
            var tasks = Enumerable.Range(1, 300).Select(i => Task.Run(() => spool.StoreAsync(new SpoolId(i), SpoolTestData.Envelope(), SpoolTestData.Content(i, 1000), default)));
            var locations = await Task.WhenAll(tasks);
            Assert.Equal(300, locations.Distinct().Count());
        }
        await using var reopened = NewSpool();
        var recovered = await reopened.RecoverAsync(default);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), recovered.Select(r => r.Id.Value));
        foreach (var r in recovered)
        {
            using var bytes = reopened.ReadContent(r.Location);
            Assert.Equal(SpoolTestData.Content((int)r.Id.Value, 1000).ToArray(), bytes.Memory.ToArray());
        }
    }
}
