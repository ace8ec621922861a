namespace Appliance.Mta.Egress;

/// <summary>
/// One source's traffic on one UTC day (and to one provider, or all when null): recipients handed to the source,
/// delivered, bounced for a reason about the sender (reputation: blocks, policy, authentication, throttling), deferred,
/// and bounced for a reason about the recipient or the message (list hygiene: invalid recipients, full mailboxes, ...).
/// Warmup holds compare the reputation bounce rate = Bounced / (Delivered + Bounced + HygieneBounced).
/// </summary>
public sealed record EgressDayVolume(DateOnly Day, string Source, string? Provider, long Sent, long Delivered, long Bounced, long Deferred,
    long HygieneBounced = 0);
