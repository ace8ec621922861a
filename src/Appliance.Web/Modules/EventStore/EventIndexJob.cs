using Appliance.Mta.Configuration;
using Appliance.Mta.Events.Index;
using Microsoft.Extensions.Options;
using Quartz;

namespace Appliance.Web.Modules.EventStore;

/// <summary>Builds the sidecar search index of every closed hourly event file that has none (or a stale one).</summary>
[DisallowConcurrentExecution]
public sealed class EventIndexJob(IOptions<MtaOptions> mta) : IJob
{
    public static readonly JobKey Key = new("event-index", "event-store");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        EventSearch.BuildMissingIndexes(Path.Combine(Path.GetFullPath(mta.Value.DataDir), "events"), cancellationToken);
        return ValueTask.CompletedTask;
    }
}
