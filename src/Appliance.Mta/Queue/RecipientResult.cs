using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Queue;

/// <summary>What one attempt did for one recipient: its status and the reply that settled it.</summary>
public sealed record RecipientResult(RecipientStatus Status, SmtpReply Reply)
{
    /// <summary>The status <see cref="ReplyClassifier"/> gives the reply (RFC 5321 §4.2.1: the basic code decides).</summary>
    public static RecipientResult Of(SmtpReply reply)
    {
        var status = ReplyClassifier.Classify(reply) switch
        {
            DeliveryVerdict.Delivered => RecipientStatus.Delivered,
            DeliveryVerdict.Permanent => RecipientStatus.Failed,
            _ => RecipientStatus.Deferred,
        };
        return new RecipientResult(status, reply);
    }
}
