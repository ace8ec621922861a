using Appliance.Mta.Configuration;
using Microsoft.Extensions.Options;
using Quartz;

namespace Appliance.Web.Modules.EventStore;

/// <summary>Runs <see cref="EventRetention"/> over {DataDir}/events with the configured budget.</summary>
[DisallowConcurrentExecution]
public sealed partial class EventRetentionJob(EventRetention retention, IOptions<EventStoreOptions> options, IOptions<MtaOptions> mta, ILogger<EventRetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("event-retention", "event-store");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetFullPath(mta.Value.DataDir), "events");
        var deleted = retention.Enforce(directory, options.Value.RetentionDays, options.Value.RetentionBytes);
        if (deleted.Count > 0) LogDeleted(logger, deleted.Count, deleted[0], deleted[^1]);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(3101, LogLevel.Information, "Event retention deleted {Count} hourly files ({Oldest} .. {Newest})")]
    private static partial void LogDeleted(ILogger logger, int count, string oldest, string newest);
}
