namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>One aggregate TLS report (RFC 8460 §4.4) for one reporting period, as sent to one policy domain.</summary>
public sealed record TlsReport(
    string OrganizationName,
    string ContactInfo,
    string ReportId,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<TlsReportPolicy> Policies);
