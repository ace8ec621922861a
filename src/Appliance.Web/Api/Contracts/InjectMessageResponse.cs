namespace Appliance.Web.Api.Contracts;

/// <summary>
/// Id is the queue (spool) id from the engine's 250 reply and MessageId the Message-ID header, of the first (often
/// only) message; <see cref="Recipients"/> gives both for every envelope recipient.
/// </summary>
public sealed record InjectMessageResponse(string Id, string? MessageId, IReadOnlyList<InjectedRecipient>? Recipients = null);
