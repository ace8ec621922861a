using System.Globalization;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Web.Modules.TlsReporting.Entities;

namespace Appliance.Web.Modules.TlsReporting;

/// <summary>Builds the RFC 8460 §4.4 report of one UTC day for one policy domain from the stored rows: policy-type "sts"
/// with the MTA-STS policy lines, "tlsa" (DANE) with the TLSA records as policy strings, "no-policy-found" with none.</summary>
public static class TlsReportBuilder
{
    public static TlsReport Build(string day, string policyDomain, IReadOnlyList<TlsOutcomeCount> outcomes, TlsPolicySnapshot? policy,
        string organization, string contact, string submitter, TlsPolicySnapshot? tlsa = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var start = DateTimeOffset.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var policies = outcomes.GroupBy(o => o.PolicyType).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new TlsReportPolicy(
            g.Key,
            policyDomain,
            g.Key == "sts" && policy is not null ? policy.PolicyStrings.Split('\n')
                : g.Key == "tlsa" && tlsa is not null ? tlsa.PolicyStrings.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [],
            g.Key == "sts" && policy is not null ? policy.MxHosts.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [],
            g.Where(o => o.ResultType == TlsOutcomeCount.Success).Sum(o => o.Count),
            g.Where(o => o.ResultType != TlsOutcomeCount.Success)
                .OrderBy(o => o.ResultType, StringComparer.Ordinal).ThenBy(o => o.ReceivingMx, StringComparer.Ordinal).ThenBy(o => o.SendingIp, StringComparer.Ordinal)
                .Select(o => new TlsFailureDetail(o.ResultType, o.ReceivingMx.Length == 0 ? null : o.ReceivingMx, o.Count,
                    o.SendingIp.Length == 0 ? null : o.SendingIp)).ToList())).ToList();
        // §4.4 report-id: unique per report; the RFC's example form, day + policy domain @ submitter.
        var reportId = $"{start:yyyy.MM.dd}T00.00.00Z+{policyDomain}@{submitter}";
        return new TlsReport(organization, contact, reportId, start, start.AddDays(1).AddSeconds(-1), policies);
    }
}
