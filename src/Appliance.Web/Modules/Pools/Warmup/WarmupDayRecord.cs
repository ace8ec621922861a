namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// One source's persisted traffic on one UTC day (table WarmupDays), overall (<see cref="Provider"/> "") or to one
/// provider: the engine's counters (added to what was stored before a restart) plus complaints from feedback reports.
/// </summary>
public sealed class WarmupDayRecord
{
    public DateOnly Day { get; set; }
    public required string Source { get; set; }
    public string Provider { get; set; } = "";
    public long Sent { get; set; }
    public long Delivered { get; set; }
    public long Bounced { get; set; }
    public long Deferred { get; set; }
    public long Complaints { get; set; }

    /// <summary>Hard bounces over delivered + bounced (the engine's definition), 0 when nothing finished.</summary>
    public double BounceRate => Delivered + Bounced == 0 ? 0 : (double)Bounced / (Delivered + Bounced);

    /// <summary>Complaints over delivered, 0 when nothing was delivered.</summary>
    public double ComplaintRate => Delivered == 0 ? 0 : (double)Complaints / Delivered;
}
