using Appliance.Mta.Events;

namespace Appliance.Mta.Queue;

/// <summary>The fields every queue event of a message carries.</summary>
internal static class QueueEvents
{
    public static MtaEvent For(MtaEventType type, QueuedMessage message, string? recipient, DateTimeOffset now) => new()
    {
        Type = type,
        Timestamp = now,
        MessageId = message.Id.ToString(),
        MessageIdHeader = message.Envelope.MessageIdHeader,
        Tenant = message.Envelope.TenantId,
        Sender = message.Envelope.MailFrom,
        Recipient = recipient,
    };
}
