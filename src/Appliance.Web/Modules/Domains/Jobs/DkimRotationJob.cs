using Appliance.Web.Modules.Domains.Rotation;
using Quartz;

namespace Appliance.Web.Modules.Domains.Jobs;

/// <summary>Scans every domain's key rotation (starts due rotations, verifies DNS, switches, retires).</summary>
[DisallowConcurrentExecution]
public sealed class DkimRotationJob(DkimRotationService rotation, ILogger<DkimRotationJob> logger) : IJob
{
    public static readonly JobKey Key = new("dkim-rotation", "domains");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var transitions = await rotation.ScanAsync(cancellationToken);
        if (transitions > 0) DomainsLog.RotationScanned(logger, transitions);
    }
}
