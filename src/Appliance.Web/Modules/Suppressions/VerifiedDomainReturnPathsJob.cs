using Quartz;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>Every minute: reloads <see cref="VerifiedDomainReturnPaths"/> (new domains, new health runs) and verifies the
/// tenants' return-path domains' MX (<see cref="TenantReturnPathVerifier"/>).</summary>
[DisallowConcurrentExecution]
public sealed class VerifiedDomainReturnPathsJob(VerifiedDomainReturnPaths paths, TenantReturnPathVerifier tenants) : IJob
{
    public static readonly JobKey Key = new("verified-return-paths", "suppressions");

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await paths.ReloadAsync(cancellationToken);
        await tenants.VerifyAsync(cancellationToken);
    }
}
