namespace Appliance.Mta.Inbound;

/// <summary>
/// The message and recipient a VERP token points to, as recorded at reception, and where it was delivered from when
/// the event log holds its Delivery event (egress source, its address, the MX site); those are null before delivery.
/// </summary>
public sealed record OriginalRecipient(string MessageId, string TenantId, string Sender, string Recipient, string? MessageIdHeader,
    string? EgressSource = null, string? EgressIp = null, string? Site = null);
