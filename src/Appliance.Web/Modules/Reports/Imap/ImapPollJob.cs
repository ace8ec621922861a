using Quartz;

namespace Appliance.Web.Modules.Reports.Imap;

/// <summary>Polls every enabled report mailbox on the Quartz schedule (Appliance:Reports:PollInterval).</summary>
[DisallowConcurrentExecution]
public sealed class ImapPollJob(ImapMailboxPoller poller, ILogger<ImapPollJob> logger) : IJob
{
    public static readonly JobKey Key = new("imap-poll", "reports");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var outcomes = await poller.PollAllAsync(cancellationToken);
        if (outcomes.Count > 0)
            ReportsLog.ImapPolled(logger,
                outcomes.Sum(o => o.Messages), outcomes.Count, outcomes.Count(o => !o.Succeeded));
    }
}
