namespace Appliance.Mta.Tests.Queue.Spool;

/// <summary>Runs only where a small tmpfs can be mounted (root with CAP_SYS_ADMIN); skipped with the reason otherwise.</summary>
public sealed class TmpfsMountFactAttribute : FactAttribute
{
    public TmpfsMountFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            Skip = "needs root on Linux to mount a size-limited tmpfs for the disk-full test";
    }
}
