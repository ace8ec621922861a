using System.Buffers;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;
using Appliance.Mta.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Diagnostics;

public sealed class DiskGuardTests
{
    private readonly List<MtaEvent> _alerts = [];
    private DiskSpace _space = new(FreeBytes: 500, TotalBytes: 1000);

    private DiskGuard Guard(long minFreeBytes = 100, double minFreePercent = 0) =>
        new("/data", new DiskGuardOptions { MinFreeBytes = minFreeBytes, MinFreePercent = minFreePercent }, _alerts.Add,
            new FakeTimeProvider(), NullLogger<DiskGuard>.Instance, _ => _space);

    private static ReceptionMessage Message() =>
        new(new MessageEnvelope
        {
            MailFrom = "a@example.com", Recipients = [new EnvelopeRecipient("b@example.net")], TenantId = "acme",
            ReceivedAt = DateTimeOffset.UnixEpoch, ClientAddress = "127.0.0.1",
        }, ReadOnlySequence<byte>.Empty);

    [Fact]
    public async Task Below_the_threshold_new_mail_gets_452_4_3_1_and_above_it_passes()
    {
        var guard = Guard();

        Assert.False((await guard.FilterAsync(Message(), CancellationToken.None)).IsStop);
        _space = new DiskSpace(99, 1000);
        var verdict = await guard.FilterAsync(Message(), CancellationToken.None);

        Assert.True(verdict.IsStop);
        Assert.Equal(452, verdict.Reply!.Code);
        Assert.Equal("4.3.1", verdict.Reply.Enhanced?.ToString());
        Assert.Equal(0, guard.Order);
    }

    [Fact]
    public void One_alert_per_episode_and_one_when_it_clears()
    {
        var guard = Guard();

        _space = new DiskSpace(10, 1000);
        guard.Check();
        guard.Check();
        guard.Check();
        _space = new DiskSpace(900, 1000);
        guard.Check();
        guard.Check();

        Assert.Equal(2, _alerts.Count);
        Assert.All(_alerts, a => Assert.Equal(MtaEventType.Alert, a.Type));
        Assert.StartsWith("Disk low", _alerts[0].Detail);
        Assert.StartsWith("Disk space recovered", _alerts[1].Detail);
    }

    [Fact]
    public void The_percentage_threshold_applies_too_and_rcpt_is_refused_while_low()
    {
        var guard = Guard(minFreeBytes: 0, minFreePercent: 5);
        var rcpt = new RecipientCheck("acme", "a@example.com", "b@example.net", true, "127.0.0.1");

        Assert.Equal(RecipientDecisionKind.Continue, guard.Evaluate(rcpt).Kind);
        _space = new DiskSpace(40, 1000);
        guard.Check();
        var decision = guard.Evaluate(rcpt);

        Assert.Equal(RecipientDecisionKind.Reject, decision.Kind);
        Assert.Equal(452, decision.Reply!.Code);
    }

    [Fact]
    public void Far_from_the_threshold_a_reading_is_reused_for_a_second_and_near_it_every_message_measures()
    {
        const long Gb = 1L << 30;
        var time = new FakeTimeProvider();
        var probes = 0;
        _space = new DiskSpace(10 * Gb, 100 * Gb);
        var guard = new DiskGuard("/data", new DiskGuardOptions { MinFreeBytes = 256L << 20, MinFreePercent = 1 }, _alerts.Add, time,
            NullLogger<DiskGuard>.Instance, _ => { probes++; return _space; });

        for (var i = 0; i < 5; i++) Assert.Null(guard.EvaluateMailFrom("a@example.com", "127.0.0.1"));
        Assert.Equal(1, probes);
        time.Advance(DiskGuard.ReuseFor);
        Assert.Null(guard.EvaluateMailFrom("a@example.com", "127.0.0.1"));
        Assert.Equal(2, probes);

        // 1% of 100 GB is the stricter threshold: 1.05 GB free is within the 64 MiB headroom, so no reuse.
        _space = new DiskSpace(Gb + (50L << 20), 100 * Gb);
        time.Advance(DiskGuard.ReuseFor);
        Assert.Null(guard.EvaluateMailFrom("a@example.com", "127.0.0.1"));
        _space = new DiskSpace(Gb - 1, 100 * Gb);
        Assert.Equal(452, guard.EvaluateMailFrom("a@example.com", "127.0.0.1")!.Code);
        Assert.Equal(4, probes);
        guard.Check(); // the periodic job always measures
        Assert.Equal(5, probes);
    }
}
