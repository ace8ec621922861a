namespace Appliance.Web.Api.Contracts;

/// <summary>Id is the queue (spool) id from the engine's 250 reply; MessageId the Message-ID header.</summary>
public sealed record InjectMessageResponse(string Id, string? MessageId);
