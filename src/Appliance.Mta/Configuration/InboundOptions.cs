namespace Appliance.Mta.Configuration;

/// <summary>
/// Limits for inbound mail to the appliance's own addresses (bounces to VERP return paths, ARF complaints, DMARC and
/// TLS reports): those addresses take mail from anyone without AUTH, so they get their own, smaller limits than
/// relayed mail. Each default documents its source.
/// </summary>
public sealed record InboundOptions
{
    /// <summary>
    /// Largest inbound message in bytes (RFC 1870): a declared SIZE above it gets 552 5.3.4 at RCPT, DATA/BDAT content
    /// beyond it 552 5.3.4 at the end. Default 10 MiB: DSNs and ARF reports quote at most the original message
    /// (the relay's own limit is for outgoing mail), and the largest DMARC aggregate report seen is under 1 MB
    /// compressed.
    /// </summary>
    public long MaxMessageSize { get; set; } = 10L * 1024 * 1024;

    /// <summary>
    /// Inbound transactions one client IP may have open at once; the next inbound RCPT gets 451 4.7.0 (try again
    /// later) until one ends. Default 4: a reporting MTA sends one report at a time (Postfix's default per-destination
    /// concurrency for a single recipient domain starts at 5 connections).
    /// </summary>
    public int MaxConcurrentPerIp { get; set; } = 4;
}
