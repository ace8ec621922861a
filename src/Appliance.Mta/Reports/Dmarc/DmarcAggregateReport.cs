namespace Appliance.Mta.Reports.Dmarc;

/// <summary>
/// A parsed DMARC aggregate report (RFC 7489 §7.2, Appendix C; also the pre-RFC draft schema and the RFC 9990
/// namespace). <see cref="Problems"/> lists what could not be read (a skipped record, a truncated document); a
/// report with problems is still a report.
/// </summary>
public sealed record DmarcAggregateReport
{
    public required string OrgName { get; init; }
    public string? Email { get; init; }
    public required string ReportId { get; init; }
    public required DateTimeOffset Begin { get; init; }
    public required DateTimeOffset End { get; init; }
    public string? Generator { get; init; }
    public required DmarcPolicyPublished Policy { get; init; }
    public required IReadOnlyList<DmarcRecord> Records { get; init; }
    /// <summary>The reporter's own error elements (report_metadata/error).</summary>
    public IReadOnlyList<string> ReporterErrors { get; init; } = [];
    /// <summary>What the parser could not read.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public long MessageCount => Records.Sum(r => r.Count);
}
