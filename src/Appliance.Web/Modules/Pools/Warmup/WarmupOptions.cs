namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>Appliance:Warmup: how often the warmup job runs and the sample a day needs before its rates can hold a plan.</summary>
public sealed class WarmupOptions
{
    public const string Section = "Appliance:Warmup";

    /// <summary>Period of the warmup job (persist volumes and complaints, advance days, holds, caps). Default 2 minutes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Finished recipients (delivered + bounced) a day needs before its rates can trigger a hold. Default 100.</summary>
    public long MinimumSample { get; set; } = 100;
}
