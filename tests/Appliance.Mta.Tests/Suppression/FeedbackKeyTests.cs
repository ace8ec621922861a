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
    public void Concurrent_first_loads_of_the_key_file_all_get_the_one_key_that_was_kept()
    {
        // The first SMTP sessions after a fresh start load the deferred key at once; they used to share one temporary
        // file, so one read a half-written key ("at least 16 bytes") and another failed its rename ("already exists").
        for (var round = 0; round < 20; round++)
        {
            var dir = Path.Combine(Path.GetTempPath(), "fbkey-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var start = new Barrier(8);
                var keys = new byte[8][];
                var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
                var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
                {
                    start.SignalAndWait();
                    try { keys[i] = FeedbackKey.LoadOrCreate(dir).Key; }
                    catch (Exception ex) { failures.Add(ex); }
                })).ToList();
                foreach (var t in threads) t.Start();
                foreach (var t in threads) t.Join();
                Assert.Empty(failures);
                var kept = File.ReadAllBytes(FeedbackKey.FilePath(dir));
                Assert.All(keys, k => Assert.Equal(kept, k));
                Assert.Single(Directory.GetFiles(Path.GetDirectoryName(FeedbackKey.FilePath(dir))!));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
