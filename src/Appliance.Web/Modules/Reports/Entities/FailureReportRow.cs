namespace Appliance.Web.Modules.Reports.Entities;

/// <summary>The fields of one DMARC failure (forensic) report; its <see cref="StoredReport"/> holds the raw message.</summary>
public sealed class FailureReportRow
{
    public long Id { get; set; }
    public long StoredReportId { get; set; }
    public string? SourceIp { get; set; }
    public string? OriginalMailFrom { get; set; }
    public string? OriginalRcptTo { get; set; }
    public string? AuthFailure { get; set; }
    public string? DeliveryResult { get; set; }
    public string? DkimDomain { get; set; }
    public string? AuthenticationResults { get; set; }
    public string? OriginalSubject { get; set; }
    public DateTimeOffset? ArrivalDate { get; set; }
}
