namespace Appliance.Mta.Dns.Dmarc;

/// <summary>One rua=/ruf= destination: the URI and the optional maximum report size in bytes (RFC 7489 §6.2).</summary>
public sealed record DmarcReportUri(Uri Uri, long? MaxSizeBytes);
