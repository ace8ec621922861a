namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>GET /api/v1/reports/tls: TLS-RPT totals for a policy domain (or all visible ones), failures by result type and MX.</summary>
public sealed record TlsSummaryResponse(
    string? Domain, int Reports, long Successful, long Failed, IReadOnlyDictionary<string, long> FailuresByType,
    IReadOnlyList<TlsFailureGroup> Failures, IReadOnlyList<TlsDayPoint> Days, IReadOnlyList<string> Domains);
