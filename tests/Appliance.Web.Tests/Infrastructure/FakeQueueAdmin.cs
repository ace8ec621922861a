using Appliance.Mta.Admin;

namespace Appliance.Web.Tests.Infrastructure;

/// <summary>Records queue operations; each affects <see cref="Affected"/> messages.</summary>
public sealed class FakeQueueAdmin : IQueueAdmin
{
    public int Affected { get; set; } = 3;

    public List<(string Operation, QueueFilter Filter, string Actor, string? Reason)> Calls { get; } = [];

    /// <summary>The scheduled queues the summary (and the default paged query) shows.</summary>
    public List<ScheduledQueueInfo> Scheduled { get; } = [];

    public QueueSummary GetSummary() =>
        new([.. Scheduled], [], new Dictionary<string, int> { ["default"] = 7 }, 7);

    public int Count(QueueFilter filter) => Affected;

    public int Suspend(QueueFilter filter, string actor) => Record("suspend", filter, actor);

    public int Resume(QueueFilter filter, string actor) => Record("resume", filter, actor);

    public int RetryNow(QueueFilter filter, string actor) => Record("retry", filter, actor);

    public int Bounce(QueueFilter filter, string reason, string actor) => Record("bounce", filter, actor, reason);

    public int Delete(QueueFilter filter, string actor) => Record("delete", filter, actor);

    private int Record(string operation, QueueFilter filter, string actor, string? reason = null)
    {
        lock (Calls) Calls.Add((operation, filter, actor, reason));
        return Affected;
    }
}
