namespace Appliance.Mta.Messages;

/// <summary>
/// One RFC 5322 header field: its name and its unfolded value (RFC 5322 §2.2.3). The one header type of the engine:
/// the reception collector (<see cref="ReceptionHeaderCollector"/>, RFC 2047 words decoded) and the queue's header
/// reader (<c>QueueLookup.ParseHeaders</c>, for the message page) both produce it.
/// </summary>
public sealed record HeaderField(string Name, string Value);
