namespace Appliance.Mta.Reports.Dmarc;

/// <summary>
/// A parsed DMARC aggregate report (RFC 7489 §7.2, Appendix C; also the pre-RFC draft schema and the RFC 9990
/// namespace). <see cref="Problems"/> lists what could not be read (a skipped record, a truncated document); a
/// report with problems is still a report.
/// </summary>
public sealed record DmarcAggregateReport
{
    /// <summary>report_metadata/org_name: the receiver that sent the report.</summary>
    public required string OrgName { get; init; }
    /// <summary>report_metadata/email: the reporter's contact address, when given.</summary>
    public string? Email { get; init; }
    /// <summary>
    /// report_metadata/report_id: unique per reporter; with <see cref="OrgName"/> the key for deduplication.
    /// </summary>
    public required string ReportId { get; init; }
    /// <summary>Start of the reporting period (date_range/begin, Unix seconds in the XML), UTC.</summary>
    public required DateTimeOffset Begin { get; init; }
    /// <summary>End of the reporting period (date_range/end), UTC.</summary>
    public required DateTimeOffset End { get; init; }
    /// <summary>The generating software (RFC 9990 report_metadata/generator), when given.</summary>
    public string? Generator { get; init; }
    /// <summary>The DMARC record the receiver applied.</summary>
    public required DmarcPolicyPublished Policy { get; init; }
    /// <summary>The rows: one per source IP and identifier combination; may be empty.</summary>
    public required IReadOnlyList<DmarcRecord> Records { get; init; }
    /// <summary>The reporter's own error elements (report_metadata/error).</summary>
    public IReadOnlyList<string> ReporterErrors { get; init; } = [];
    /// <summary>What the parser could not read.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Messages covered by the report (sum of every row's count).</summary>
    public long MessageCount => Records.Sum(r => r.Count);
}
