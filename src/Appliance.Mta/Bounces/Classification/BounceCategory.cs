namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// Why a delivery failed, in the KumoMTA / PowerMTA bounce-class vocabulary. Set on TransientFailure, Bounce,
/// Expiration and Oob events.
/// </summary>
public enum BounceCategory
{
    /// <summary>No rule, status code or reply code matched; the reply's class alone decides retry or fail.</summary>
    Uncategorized,
    /// <summary>
    /// The mailbox does not exist (e.g. 550 5.1.1 "user unknown"): a hard bounce that suppresses the address.
    /// </summary>
    InvalidRecipient,
    /// <summary>The mailbox exists but is disabled or abandoned (e.g. 5.2.1): a hard bounce.</summary>
    InactiveMailbox,
    /// <summary>
    /// The recipient domain has no usable mail host (NXDOMAIN, null MX RFC 7505, 5.1.2): a hard bounce.
    /// </summary>
    BadDomain,
    /// <summary>The mailbox is full or over quota (X.2.2); soft, retried.</summary>
    QuotaIssues,
    /// <summary>The message exceeds a size limit at the receiver (X.3.4, 552 RFC 1870).</summary>
    MessageTooLarge,
    /// <summary>
    /// Refused by the receiver's local policy (X.7.x other than spam or authentication): about this message, not the
    /// address.
    /// </summary>
    PolicyRelated,
    /// <summary>
    /// The sending IP or domain is blocked (block lists, reputation): feeds the backoff and warmup signals.
    /// </summary>
    SpamBlock,
    /// <summary>The content was judged to be spam.</summary>
    SpamContent,
    /// <summary>The content was judged to carry a virus or malware.</summary>
    VirusRelated,
    /// <summary>
    /// The receiver requires SPF, DKIM or DMARC to pass, or refused an unauthenticated sender (X.7.20-X.7.29, RFC
    /// 7372).
    /// </summary>
    AuthenticationFailure,
    /// <summary>The SMTP conversation broke (syntax errors, bad sequence, unexpected replies).</summary>
    ProtocolError,
    /// <summary>The receiver cannot route the message (relay denied, loops, X.4.x routing).</summary>
    RoutingError,
    /// <summary>No connection or a broken connection to the receiver (refused, timed out, TLS failed).</summary>
    ConnectionFailure,
    /// <summary>
    /// The receiver defers for rate or volume (421/451 "try later", too many connections): feeds shaping backoff.
    /// </summary>
    Throttled,
    /// <summary>The message reached its maximum age in the queue without delivery (RFC 5321 §4.5.4.1).</summary>
    MessageExpired,
}
