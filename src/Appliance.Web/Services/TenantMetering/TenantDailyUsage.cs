namespace Appliance.Web.Services.TenantMetering;

/// <summary>
/// One tenant's usage in one UTC day from one sending domain (table TenantDailyUsage; <see cref="Domain"/> "" when the
/// event names no sender, e.g. unsubscribes). Each count is a number of event records (per recipient); bytes are the
/// message sizes of those records. Kept <see cref="TenantUsageRetentionJob.RetentionDays"/> days.
/// </summary>
public sealed class TenantDailyUsage
{
    public required string TenantId { get; set; }

    public DateOnly Day { get; set; }

    public string Domain { get; set; } = "";

    /// <summary>Reception records: recipients accepted.</summary>
    public long Accepted { get; set; }

    /// <summary>Delivery records.</summary>
    public long Delivered { get; set; }

    /// <summary>TransientFailure records (each deferred attempt).</summary>
    public long Deferred { get; set; }

    /// <summary>Bounce, Expiration and Oob records whose failure is hard (permanent, or not classified).</summary>
    public long BouncedHard { get; set; }

    /// <summary>Bounce, Expiration and Oob records classified soft (Hard = false).</summary>
    public long BouncedSoft { get; set; }

    /// <summary>Feedback records (ARF complaints).</summary>
    public long Complained { get; set; }

    /// <summary>Unsubscribe records.</summary>
    public long Unsubscribed { get; set; }

    /// <summary>Sum of the message size of the Reception records.</summary>
    public long BytesIn { get; set; }

    /// <summary>Sum of the message size of the Delivery records.</summary>
    public long BytesOut { get; set; }
}
