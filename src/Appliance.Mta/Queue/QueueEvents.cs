using Appliance.Mta.Events;

namespace Appliance.Mta.Queue;

/// <summary>The fields every queue event of a message carries.</summary>
internal static class QueueEvents
{
    // The envelope is read once: on a parked message every read rebuilds it.
    public static MtaEvent For(MtaEventType type, QueuedMessage message, string? recipient, DateTimeOffset now)
    {
        var envelope = message.Envelope;
        return new()
        {
            Type = type,
            Timestamp = now,
            MessageId = message.Id.ToString(),
            MessageIdHeader = envelope.MessageIdHeader,
            Tenant = envelope.TenantId,
            Sender = envelope.MailFrom,
            Recipient = recipient,
        };
    }
}
