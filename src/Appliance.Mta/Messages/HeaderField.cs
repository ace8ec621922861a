namespace Appliance.Mta.Messages;

/// <summary>One header field as received: its name and its unfolded value (RFC 2047 words decoded).</summary>
public sealed record HeaderField(string Name, string Value);
