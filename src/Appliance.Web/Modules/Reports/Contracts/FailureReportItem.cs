namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>A DMARC failure (forensic) report.</summary>
public sealed record FailureReportItem(
    long Id, string Reporter, string Domain, DateTimeOffset ReceivedAt, string? SourceIp, string? OriginalMailFrom, string? OriginalRcptTo,
    string? AuthFailure, string? DeliveryResult, string? OriginalSubject, DateTimeOffset? ArrivalDate);
