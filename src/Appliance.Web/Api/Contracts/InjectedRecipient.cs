namespace Appliance.Web.Api.Contracts;

/// <summary>Where one recipient's copy went: the queue (spool) id and the Message-ID header of its message.</summary>
public sealed record InjectedRecipient(string Recipient, string Id, string? MessageId);
