namespace Appliance.Mta.Reports.Forensic;

/// <summary>
/// A DMARC failure report (RFC 7489 §7.3, AFRF per RFC 6591 §3.1): one message that failed authentication, as the
/// receiver saw it. Fields the report does not give are null (a plain-text report without an AFRF part has few).
/// </summary>
public sealed record DmarcFailureReport
{
    /// <summary>"afrf" for a message/feedback-report part, "text" for a plain-text notice (Exim).</summary>
    public required string Format { get; init; }
    public string? Reporter { get; init; }
    public string? UserAgent { get; init; }
    public string? ReportedDomain { get; init; }
    public string? SourceIp { get; init; }
    public string? OriginalMailFrom { get; init; }
    public string? OriginalRcptTo { get; init; }
    public DateTimeOffset? ArrivalDate { get; init; }
    /// <summary>RFC 6591 §3.2.1 Auth-Failure: dmarc, dkim, spf, adsp, bodyhash, revoked, signature.</summary>
    public string? AuthFailure { get; init; }
    /// <summary>RFC 6591 §3.2.2 Delivery-Result: delivered, spam, policy, reject, other.</summary>
    public string? DeliveryResult { get; init; }
    public string? DkimDomain { get; init; }
    public string? AuthenticationResults { get; init; }
    public string? IdentityAlignment { get; init; }
    public string? OriginalSubject { get; init; }
    public string? OriginalMessageId { get; init; }
    /// <summary>Message-ID of the report itself (deduplication).</summary>
    public string? ReportMessageId { get; init; }
}
