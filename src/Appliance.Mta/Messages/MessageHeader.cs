namespace Appliance.Mta.Messages;

/// <summary>One RFC 5322 header field of a queued message, unfolded.</summary>
public sealed record MessageHeader(string Name, string Value);
