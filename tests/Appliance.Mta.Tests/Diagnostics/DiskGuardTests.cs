using System.Buffers;
using Appliance.Mta.Events;
using Appliance.Mta.Policy;
using Appliance.Mta.Queue;
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
}
