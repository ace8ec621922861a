namespace Appliance.Mta.Reports.Forensic;

/// <summary>
/// A DMARC failure report (RFC 7489 §7.3, AFRF per RFC 6591 §3.1): one message that failed authentication, as the
/// receiver saw it. Fields the report does not give are null (a plain-text report without an AFRF part has few).
/// </summary>
public sealed record DmarcFailureReport
{
    /// <summary>"afrf" for a message/feedback-report part, "text" for a plain-text notice (Exim).</summary>
    public required string Format { get; init; }
    /// <summary>The From: address of the report mail: who reports.</summary>
    public string? Reporter { get; init; }
    /// <summary>RFC 5965 §3.1 User-Agent: the reporting software.</summary>
    public string? UserAgent { get; init; }
    /// <summary>RFC 5965 §3.2 Reported-Domain: the domain whose policy failed.</summary>
    public string? ReportedDomain { get; init; }
    /// <summary>RFC 5965 §3.2 Source-IP: where the failing message came from.</summary>
    public string? SourceIp { get; init; }
    /// <summary>RFC 5965 §3.2 Original-Mail-From: the message's envelope sender.</summary>
    public string? OriginalMailFrom { get; init; }
    /// <summary>RFC 5965 §3.2 Original-Rcpt-To: the message's envelope recipient.</summary>
    public string? OriginalRcptTo { get; init; }
    /// <summary>RFC 5965 §3.2 Arrival-Date: when the receiver got the message.</summary>
    public DateTimeOffset? ArrivalDate { get; init; }
    /// <summary>RFC 6591 §3.2.1 Auth-Failure: dmarc, dkim, spf, adsp, bodyhash, revoked, signature.</summary>
    public string? AuthFailure { get; init; }
    /// <summary>RFC 6591 §3.2.2 Delivery-Result: delivered, spam, policy, reject, other.</summary>
    public string? DeliveryResult { get; init; }
    /// <summary>RFC 6591 §3.2.3 DKIM-Domain: the d= of the failing signature.</summary>
    public string? DkimDomain { get; init; }
    /// <summary>The receiver's Authentication-Results (RFC 8601) of the message, as text.</summary>
    public string? AuthenticationResults { get; init; }
    /// <summary>RFC 6591 Identity-Alignment: which identifiers were aligned (dkim, spf, none).</summary>
    public string? IdentityAlignment { get; init; }
    /// <summary>The Subject of the failing message, when the report includes its headers.</summary>
    public string? OriginalSubject { get; init; }
    /// <summary>The Message-ID of the failing message, when the report includes its headers.</summary>
    public string? OriginalMessageId { get; init; }
    /// <summary>Message-ID of the report itself (deduplication).</summary>
    public string? ReportMessageId { get; init; }
}
