using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Events;

/// <summary>
/// One structured event record. Written as one JSON line; fields that do not apply are null.
/// </summary>
public sealed record MtaEvent
{
    /// <summary>What happened (reception, delivery, deferral, bounce, ...).</summary>
    public required MtaEventType Type { get; init; }
    /// <summary>When it happened, from the engine's injected clock (UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>Spool id of the message (the queue id given in the 250 reply).</summary>
    public string? MessageId { get; init; }
    /// <summary>The Message-ID header.</summary>
    public string? MessageIdHeader { get; init; }
    /// <summary>The tenant that owns the message; null for events without one (alerts, some rejections).</summary>
    public string? Tenant { get; init; }
    /// <summary>The envelope sender (MAIL FROM); empty for a null reverse-path (DSNs).</summary>
    public string? Sender { get; init; }
    /// <summary>The envelope recipient the event is about; null for message-level events.</summary>
    public string? Recipient { get; init; }
    /// <summary>Scheduled queue name, "campaign:tenant@domain" style.</summary>
    public string? Queue { get; init; }
    /// <summary>The destination site (rolled-up MX set) of a delivery attempt.</summary>
    public string? Site { get; init; }
    /// <summary>The egress source (sending identity) that made the attempt.</summary>
    public string? EgressSource { get; init; }
    /// <summary>The local IP address the attempt was sent from.</summary>
    public string? EgressIp { get; init; }
    /// <summary>Remote host name and address, e.g. "mx1.example.com [192.0.2.1]:25", or the SMTP client for receptions.</summary>
    public string? RemoteHost { get; init; }
    /// <summary>The full response line(s), "550 5.1.1 user unknown".</summary>
    public string? Response { get; init; }
    /// <summary>The SMTP reply code of <see cref="Response"/> (e.g. 550); null when no reply was received.</summary>
    public int? Code { get; init; }
    /// <summary>The RFC 3463 enhanced status code of the reply (e.g. "5.1.1"), when there is one.</summary>
    public string? EnhancedCode { get; init; }
    /// <summary>"TLSv1.3 TLS_AES_256_GCM_SHA384" or null when plaintext.</summary>
    public string? Tls { get; init; }
    /// <summary>Delivery attempt number, starting at 1.</summary>
    public int? Attempt { get; init; }
    /// <summary>Duration of the attempt or transaction in milliseconds.</summary>
    public double? DurationMs { get; init; }
    /// <summary>Message size in bytes.</summary>
    public long? Size { get; init; }
    /// <summary>Free text for admin actions and rejections.</summary>
    public string? Detail { get; init; }
    /// <summary>The bounce class of a failure (TransientFailure, Bounce, Expiration, Oob).</summary>
    public BounceCategory? Category { get; init; }
    /// <summary>True for a hard (permanent) failure, false for soft; null when not a failure.</summary>
    public bool? Hard { get; init; }
    /// <summary>
    /// Reception only, on the first recipient's event: the bounded header summary kept at reception
    /// (<see cref="ReceptionHeaderReader"/>), so a delivered message can still be looked at.
    /// </summary>
    public ReceptionHeaders? Headers { get; init; }
}
