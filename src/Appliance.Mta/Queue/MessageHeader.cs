namespace Appliance.Mta.Queue;

/// <summary>One RFC 5322 header field of a queued message, unfolded.</summary>
public sealed record MessageHeader(string Name, string Value);
