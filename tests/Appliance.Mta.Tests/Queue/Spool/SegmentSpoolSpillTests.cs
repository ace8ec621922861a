using System.Buffers;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Mta.Tests.Queue.Spool;

/// <summary>A large message stored as an in-memory head plus a spill file: one record, same bytes, same CRC check.</summary>
public sealed class SegmentSpoolSpillTests : IDisposable
{
    private readonly string _dir = SpoolTestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Head_and_spill_are_stored_as_one_message_and_recovered_intact()
    {
        var whole = SpoolTestData.Content(7, size: 3 * 1024 * 1024 + 123).ToArray();
        const int head = 64 * 1024;
        using var spill = ContentSpill.Create(Path.Combine(_dir, "tmp"));
        spill.Write(whole.AsSpan(head));
        spill.Complete();
        await using (var spool = new SegmentSpool(Path.Combine(_dir, "spool"), NullLogger<SegmentSpool>.Instance))
        {
            await spool.RecoverAsync(default);
            // Small messages before and after share the batch with the large one.
            var before = spool.StoreAsync(new SpoolId(1), SpoolTestData.Envelope(), SpoolTestData.Content(1), default);
            var large = spool.StoreAsync(new SpoolId(2), SpoolTestData.Envelope(), new ReadOnlySequence<byte>(whole, 0, head), spill, default);
            var after = spool.StoreAsync(new SpoolId(3), SpoolTestData.Envelope(), SpoolTestData.Content(3), default);
            await Task.WhenAll(before, large, after);
            using var read = spool.ReadContent(await large);
            Assert.Equal(whole, read.Memory.ToArray());
        }
        await using var reopened = new SegmentSpool(Path.Combine(_dir, "spool"), NullLogger<SegmentSpool>.Instance);
        var recovered = (await reopened.RecoverAsync(default)).OrderBy(m => m.Id.Value).ToList();
        Assert.Equal([1L, 2L, 3L], recovered.Select(m => m.Id.Value)); // the CRC over head + spill checks out
        using var bytes = reopened.ReadContent(recovered[1].Location);
        Assert.Equal(whole, bytes.Memory.ToArray());
        using var third = reopened.ReadContent(recovered[2].Location);
        Assert.Equal(SpoolTestData.Content(3).ToArray(), third.Memory.ToArray());
    }

    [Fact]
    public void Leftover_spill_files_are_deleted_and_others_kept()
    {
        var tmp = Directory.CreateDirectory(Path.Combine(_dir, "tmp")).FullName;
        File.WriteAllText(Path.Combine(tmp, "crashed" + ContentSpill.Extension), "x");
        File.WriteAllText(Path.Combine(tmp, "other.txt"), "x");

        Assert.Equal(1, ContentSpill.DeleteLeftovers(tmp));
        Assert.Equal(["other.txt"], Directory.GetFiles(tmp).Select(Path.GetFileName));
    }

    [Fact]
    public void Disposing_a_spill_deletes_its_file()
    {
        var spill = ContentSpill.Create(Path.Combine(_dir, "tmp"));
        spill.Write(new byte[300_000]);
        spill.Complete();
        Assert.True(File.Exists(spill.Path));
        Assert.Equal(300_000, spill.Length);
        spill.Dispose();
        Assert.False(File.Exists(spill.Path));
    }
}
