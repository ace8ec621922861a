namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>One failure-details entry of a TLS report (RFC 8460 §4.4): result type, receiving MX and sending address
/// (the egress source's bind address) when known, count.</summary>
public sealed record TlsFailureDetail(string ResultType, string? ReceivingMx, long Count, string? SendingMtaIp = null);
