using Quartz;

namespace Appliance.Web.Modules.Inspection;

/// <summary>Deletes retained contents past their tenant's days, and every content of a tenant whose retention is off.</summary>
[DisallowConcurrentExecution]
public sealed class ContentRetentionJob(MessageContentStore store, ContentRetentionPolicies policies, TimeProvider time, ILogger<ContentRetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("content-retention", "inspection");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var deleted = store.Expire(time.GetUtcNow(), policies.All);
        if (deleted > 0) InspectionLog.Expired(logger, deleted);
        return ValueTask.CompletedTask;
    }
}
