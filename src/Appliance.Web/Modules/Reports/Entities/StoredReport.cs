using Appliance.Mta.Reports;

namespace Appliance.Web.Modules.Reports.Entities;

/// <summary>
/// One ingested report (aggregate, TLS or failure) with its header fields, totals, the parser's problems and the
/// raw bytes it came in (gzip-compressed, dropped after the retention). Unique by (kind, org, report id).
/// </summary>
public sealed class StoredReport
{
    public long Id { get; set; }
    public ReportKind Kind { get; set; }
    public required string OrgName { get; set; }
    public required string ReportId { get; set; }
    /// <summary>Policy domain (DMARC), policy domain of the first policy (TLS) or reported domain (failure), lower case.</summary>
    public required string Domain { get; set; }
    /// <summary>Owner of <see cref="Domain"/> among the sending domains at ingestion; null when no tenant has it.</summary>
    public string? TenantId { get; set; }
    public DateTimeOffset Begin { get; set; }
    public DateTimeOffset End { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public ReportChannel Channel { get; set; }
    /// <summary>Where it came from: file name, mailbox, or the mail's sender.</summary>
    public string Source { get; set; } = "";
    public int RecordCount { get; set; }
    /// <summary>DMARC: messages; TLS: sessions (successful + failed); failure report: 1.</summary>
    public long MessageCount { get; set; }
    /// <summary>DMARC: messages failing DMARC; TLS: failed sessions.</summary>
    public long FailureCount { get; set; }
    public string? PolicyP { get; set; }
    public int? PolicyPct { get; set; }
    /// <summary>Parser problems, one per line (a skipped record, a truncated document); empty when none.</summary>
    public string Problems { get; set; } = "";
    /// <summary>Gzip of the bytes as received; null after the raw retention.</summary>
    public byte[]? Raw { get; set; }
    public List<DmarcRecordRow> DmarcRecords { get; set; } = [];
    public List<TlsResultRow> TlsResults { get; set; } = [];
}
