namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// Maps a reply to <see cref="DeliveryVerdict"/>. The basic code decides (RFC 5321 §4.2.1: 2yz done, 4yz
/// transient, 5yz permanent); the enhanced code never overrides it. RFC 3463 §2 requires the enhanced class to
/// match the basic one, and when a peer breaks that ("550 4.2.2") the basic code is what its SMTP state machine
/// acted on, so a 5xx with 4.x.x is permanent and a 4xx with 5.7.x is transient. This keeps X.7.x policy
/// rejections consistent with everything else: 5.7.1 on a 550 bounces, 4.7.x on a 451 retries.
/// 3yz is only an intermediate reply, and any other code is a protocol error: both are transient.
/// </summary>
public static class ReplyClassifier
{
    /// <summary>
    /// The verdict for <paramref name="r"/> from its basic code alone: 2yz delivered, 5yz permanent, everything else
    /// transient.
    /// </summary>
    public static DeliveryVerdict Classify(SmtpReply r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Code switch
        {
            >= 200 and < 300 => DeliveryVerdict.Delivered,
            >= 500 and < 600 => DeliveryVerdict.Permanent,
            _ => DeliveryVerdict.Transient,
        };
    }
}
