using Quartz;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>Every minute: reloads <see cref="VerifiedDomainReturnPaths"/> (new domains, new health runs).</summary>
[DisallowConcurrentExecution]
public sealed class VerifiedDomainReturnPathsJob(VerifiedDomainReturnPaths paths) : IJob
{
    public static readonly JobKey Key = new("verified-return-paths", "suppressions");

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await paths.ReloadAsync(cancellationToken);
}
