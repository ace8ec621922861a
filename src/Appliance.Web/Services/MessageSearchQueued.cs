using Appliance.Mta.Messages;
namespace Appliance.Web.Services;

/// <summary>What the queue holds for a message that is not finished: envelope, progress and headers.</summary>
public sealed record MessageSearchQueued(
    string MailFrom,
    IReadOnlyList<MessageSearchRecipient> Recipients,
    string Tenant,
    string? Campaign,
    string? Stream,
    DateTimeOffset ReceivedAt,
    string ClientAddress,
    string? AuthUser,
    string? MessageIdHeader,
    int Attempts,
    DateTimeOffset? NextAttempt,
    string? LastResponse,
    IReadOnlyList<HeaderField>? Headers);
