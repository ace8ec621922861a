namespace Appliance.Mta.Reports.Tls;

/// <summary>A parsed SMTP TLS report (RFC 8460 §4). <see cref="Problems"/> lists entries that could not be read.</summary>
public sealed record TlsReport
{
    public required string OrganizationName { get; init; }
    public required string ReportId { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public string? ContactInfo { get; init; }
    public required IReadOnlyList<TlsPolicyResult> Policies { get; init; }
    public IReadOnlyList<string> Problems { get; init; } = [];

    public long TotalSuccessful => Policies.Sum(p => p.TotalSuccessfulSessions);

    public long TotalFailure => Policies.Sum(p => p.TotalFailureSessions);
}
