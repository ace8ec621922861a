using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;
using Appliance.Mta.Tests.Queue.Spool;

namespace Appliance.Mta.Tests.Queue;

public sealed class SpoolCompactionTests
{
    [Fact]
    public async Task Deferred_message_is_relocated_so_old_segments_are_deleted_and_it_survives_restart()
    {
        await using var h = await QueueHarness.StartAsync();
        await h.RestartAsync(segmentLimit: 16 * 1024);
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "slow@one.test", "fast@one.test"), SpoolTestData.Content(0), default);
        var deferred = Assert.Single(h.Due.Drain());
        h.Outcomes.Report(AttemptOutcome.Of(deferred, [new SmtpReply(451, "4.2.0", "later"), new SmtpReply(250, "2.0.0", "ok")], AttemptInfo.None));
        for (var i = 1; i <= 40; i++)
        {
            await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", $"r{i}@two.test"), SpoolTestData.Content(i), default);
            foreach (var item in h.Due.Drain()) h.Outcomes.Report(AttemptOutcome.Of(item, [new SmtpReply(250, "2.0.0", "ok")], AttemptInfo.None));
        }
        await Task.Delay(100); // let the removal records reach the log
        var before = Directory.GetFiles(h.Dir, "*.seg").Length;
        Assert.True(before > 8, $"segments pile up behind the deferred message: {before}");
        Assert.Equal(1, await h.Compactor.CompactOnceAsync());
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "last@two.test"), SpoolTestData.Content(99), default); // a batch triggers collection
        var after = Directory.GetFiles(h.Dir, "*.seg").Length;
        Assert.True(after <= 3, $"old segments deleted after relocation: {before} -> {after}");

        await h.RestartAsync(segmentLimit: 16 * 1024);
        Assert.Equal(2, h.Store.Count);
        var summary = h.Queue.GetSummary().Scheduled.Single(q => q.Domain == "one.test");
        Assert.Equal(1, summary.Recipients); // fast@ stays delivered: progress travelled with the copy
    }
}
