namespace Appliance.Mta.Reports.Tls;

/// <summary>One failure-details entry (RFC 8460 §4.3): sessions that failed for one reason between two hosts.</summary>
/// <param name="ResultType">§4.3 result type (starttls-not-supported, certificate-expired, validation-failure, ...), lower case.</param>
public sealed record TlsFailureDetail(
    string ResultType,
    string? SendingMtaIp,
    string? ReceivingMxHostname,
    string? ReceivingMxHelo,
    string? ReceivingIp,
    long FailedSessionCount,
    string? AdditionalInformation,
    string? FailureReasonCode);
