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
    /// <summary>
    /// List-hygiene bounces: permanent failures that say nothing about the sender (invalid recipients, inactive mailboxes,
    /// bad domains, full mailboxes). <see cref="Bounced"/> counts only reputation bounces (blocks, policy, authentication,
    /// throttling). Rows written before this split (0 here) counted every bounce in <see cref="Bounced"/>.
    /// </summary>
    public long HygieneBounced { get; set; }

    /// <summary>Recipients that finished (delivered or bounced for any reason).</summary>
    public long Finished => Delivered + Bounced + HygieneBounced;

    /// <summary>Reputation bounces over finished recipients (the warmup hold rate), 0 when nothing finished.</summary>
    public double BounceRate => Finished == 0 ? 0 : (double)Bounced / Finished;

    /// <summary>List-hygiene bounces over finished recipients (shown, never a hold reason), 0 when nothing finished.</summary>
    public double HygieneRate => Finished == 0 ? 0 : (double)HygieneBounced / Finished;

    /// <summary>Complaints over delivered, 0 when nothing was delivered.</summary>
    public double ComplaintRate => Delivered == 0 ? 0 : (double)Complaints / Delivered;
}
