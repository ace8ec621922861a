using System.Text;
using Appliance.Mta.Inbound;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Tests.Suppression;

/// <summary>A key that signs with one secret and still verifies with its former ones; a deferred key loads at first use.</summary>
public class FeedbackKeyTests
{
    private static readonly byte[] Shared = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Former = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Signatures_made_with_a_former_key_still_verify_but_new_ones_use_the_signing_key()
    {
        var old = new TraceHeaderCodec(new FeedbackKey(Former)).Encode("t1", DateTimeOffset.UnixEpoch);
        var key = new FeedbackKey(Shared, [Former]);
        var codec = new TraceHeaderCodec(key);

        Assert.Equal("t1", codec.TryDecode(old)?.TenantId);
        var fresh = codec.Encode("t2", DateTimeOffset.UnixEpoch);
        Assert.Equal("t2", new TraceHeaderCodec(new FeedbackKey(Shared)).TryDecode(fresh)?.TenantId);
        Assert.Null(new TraceHeaderCodec(new FeedbackKey(Former)).TryDecode(fresh));
        // Without the former key the old signature fails: the former key is what makes it pass.
        Assert.Null(new TraceHeaderCodec(new FeedbackKey(Shared)).TryDecode(old));
    }

    [Fact]
    public void A_former_key_equal_to_the_signing_key_is_dropped_and_a_short_one_is_refused()
    {
        Assert.Empty(new FeedbackKey(Shared, [Shared.ToArray()]).FormerKeys);
        Assert.Throws<ArgumentException>(() => new FeedbackKey(Shared, [new byte[8]]));
    }

    [Fact]
    public void A_deferred_key_loads_at_first_use_and_retries_after_a_failed_load()
    {
        var calls = 0;
        var key = FeedbackKey.Deferred(() => ++calls == 1 ? throw new InvalidOperationException("database not ready") : new FeedbackKey(Shared, [Former]));
        Assert.Equal(0, calls);

        Assert.Throws<InvalidOperationException>(() => key.Sign("p", "x"u8, 8));
        var mac = key.Sign("p", Encoding.ASCII.GetBytes("x"), 8);
        Assert.Equal(new FeedbackKey(Shared).Sign("p", "x"u8, 8), mac);
        Assert.True(key.Verify("p", "y"u8, new FeedbackKey(Former).Sign("p", "y"u8, 8)));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Concurrent_first_loads_all_get_the_key_the_file_holds()
    {
        // The deferred key loads on the first messages of many sessions at once: none may fail (a 451 to the client)
        // or keep a key the file does not hold (signatures that no longer verify after a restart).
        for (var round = 0; round < 20; round++)
        {
            var dir = Path.Combine(Path.GetTempPath(), "fbkey-" + Guid.NewGuid().ToString("N"));
            try
            {
                const int racers = 8;
                using var start = new Barrier(racers);
                var keys = new byte[racers][];
                var errors = new Exception?[racers];
                var threads = Enumerable.Range(0, racers).Select(i => new Thread(() =>
                {
                    start.SignalAndWait();
                    try { keys[i] = FeedbackKey.LoadOrCreate(dir).Key; }
                    catch (IOException ex) { errors[i] = ex; }
                })).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());

                Assert.All(errors, Assert.Null);
                var stored = File.ReadAllBytes(FeedbackKey.FilePath(dir));
                Assert.All(keys, k => Assert.Equal(stored, k));
                Assert.Single(Directory.GetFiles(Path.GetDirectoryName(FeedbackKey.FilePath(dir))!));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
