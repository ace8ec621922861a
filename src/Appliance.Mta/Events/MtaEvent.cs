using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Events;

/// <summary>
/// One structured event record. Written as one JSON line; fields that do not apply are null.
/// </summary>
public sealed record MtaEvent
{
    public required MtaEventType Type { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>Spool id of the message (the queue id given in the 250 reply).</summary>
    public string? MessageId { get; init; }
    /// <summary>The Message-ID header.</summary>
    public string? MessageIdHeader { get; init; }
    public string? Tenant { get; init; }
    public string? Sender { get; init; }
    public string? Recipient { get; init; }
    /// <summary>Scheduled queue name, "campaign:tenant@domain" style.</summary>
    public string? Queue { get; init; }
    public string? Site { get; init; }
    public string? EgressSource { get; init; }
    public string? EgressIp { get; init; }
    /// <summary>Remote host name and address, e.g. "mx1.example.com [192.0.2.1]:25", or the SMTP client for receptions.</summary>
    public string? RemoteHost { get; init; }
    /// <summary>The full response line(s), "550 5.1.1 user unknown".</summary>
    public string? Response { get; init; }
    public int? Code { get; init; }
    public string? EnhancedCode { get; init; }
    /// <summary>"TLSv1.3 TLS_AES_256_GCM_SHA384" or null when plaintext.</summary>
    public string? Tls { get; init; }
    public int? Attempt { get; init; }
    public double? DurationMs { get; init; }
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
