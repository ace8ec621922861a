namespace Appliance.Mta.Inbound;

/// <summary>The message and recipient a VERP token points to, as recorded at reception.</summary>
public sealed record OriginalRecipient(string MessageId, string TenantId, string Sender, string Recipient, string? MessageIdHeader);
