namespace Appliance.Mta.Reports.Tls;

/// <summary>A parsed SMTP TLS report (RFC 8460 §4). <see cref="Problems"/> lists entries that could not be read.</summary>
public sealed record TlsReport
{
    /// <summary>"organization-name": the sender of the report.</summary>
    public required string OrganizationName { get; init; }
    /// <summary>"report-id": unique per reporter; with the organisation the key for deduplication.</summary>
    public required string ReportId { get; init; }
    /// <summary>"date-range" start-datetime (UTC).</summary>
    public required DateTimeOffset Start { get; init; }
    /// <summary>"date-range" end-datetime (UTC).</summary>
    public required DateTimeOffset End { get; init; }
    /// <summary>"contact-info": the reporter's contact, when given.</summary>
    public string? ContactInfo { get; init; }
    /// <summary>
    /// "policies": one entry per policy applied (sts, tlsa, no-policy-found) with session counts and failure details.
    /// </summary>
    public required IReadOnlyList<TlsPolicyResult> Policies { get; init; }
    /// <summary>Entries that could not be read (the rest of the report is still used).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Successful TLS sessions across all policies.</summary>
    public long TotalSuccessful => Policies.Sum(p => p.TotalSuccessfulSessions);

    /// <summary>Failed TLS sessions across all policies.</summary>
    public long TotalFailure => Policies.Sum(p => p.TotalFailureSessions);
}
