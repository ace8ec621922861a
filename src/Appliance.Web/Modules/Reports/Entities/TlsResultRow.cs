namespace Appliance.Web.Modules.Reports.Entities;

/// <summary>
/// One TLS-RPT result line: a policy's success total (<see cref="ResultType"/> "success"), or one failure-details
/// entry with its result type and the receiving MX.
/// </summary>
public sealed class TlsResultRow
{
    public long Id { get; set; }
    public long StoredReportId { get; set; }
    public required string PolicyType { get; set; }
    public required string PolicyDomain { get; set; }
    public required string ResultType { get; set; }
    public string? ReceivingMx { get; set; }
    public string? ReceivingIp { get; set; }
    public string? SendingIp { get; set; }
    public long Sessions { get; set; }
    public string? AdditionalInformation { get; set; }
}
