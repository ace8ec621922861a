using Appliance.Mta.Reports.Dmarc;

namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>
/// GET /api/v1/reports/dmarc: aggregate report totals for a domain (or all visible domains) over [from, to) by report
/// begin; pass rates are fractions of <see cref="Messages"/>. <see cref="Advice"/> is given for a single domain.
/// </summary>
public sealed record DmarcSummaryResponse(
    string? Domain, DateTimeOffset? From, DateTimeOffset? To, int Reports, long Messages, long SpfPass, long DkimPass, long DmarcPass,
    double SpfPassRate, double DkimPassRate, double DmarcPassRate, long OwnMessages, long OwnDmarcPass, string? PublishedPolicy, int? PublishedPct,
    IReadOnlyList<DmarcDayPoint> Days, IReadOnlyList<DmarcOrgRow> ByOrg, IReadOnlyList<DmarcSourceRow> BySource,
    IReadOnlyList<DmarcFailureRow> AlignmentFailures, DmarcPolicyAdvice? Advice, IReadOnlyList<string> Domains);
