using System.Globalization;
using System.Text;

namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>
/// Small hand-made reports for the page tests, so they never depend on the corpus: a DMARC aggregate report
/// (RFC 7489 Appendix C) and an SMTP TLS report (RFC 8460 §4.4).
/// </summary>
public static class ReportDocuments
{
    public sealed record DmarcRow(string Ip, long Count, bool Aligned);

    public sealed record TlsFailure(string ResultType, string ReceivingMx, long Sessions);

    /// <summary>One day's aggregate report for <paramref name="domain"/> at p=none; unaligned rows fail both SPF and DKIM.</summary>
    public static byte[] DmarcAggregate(string org, string reportId, string domain, DateOnly day, params DmarcRow[] rows)
    {
        var begin = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\"?><feedback><report_metadata><org_name>{org}</org_name><email>noreply@{org}</email>");
        sb.Append(CultureInfo.InvariantCulture, $"<report_id>{reportId}</report_id><date_range><begin>{begin.ToUnixTimeSeconds()}</begin>");
        sb.Append(CultureInfo.InvariantCulture, $"<end>{begin.AddDays(1).ToUnixTimeSeconds() - 1}</end></date_range></report_metadata>");
        sb.Append(CultureInfo.InvariantCulture, $"<policy_published><domain>{domain}</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><sp>none</sp><pct>100</pct></policy_published>");
        foreach (var r in rows)
        {
            var result = r.Aligned ? "pass" : "fail";
            var dkimDomain = r.Aligned ? domain : "spoofer.example";
            sb.Append(CultureInfo.InvariantCulture,
                $"<record><row><source_ip>{r.Ip}</source_ip><count>{r.Count}</count><policy_evaluated><disposition>none</disposition><dkim>{result}</dkim><spf>{result}</spf></policy_evaluated></row>" +
                $"<identifiers><header_from>{domain}</header_from></identifiers><auth_results><dkim><domain>{dkimDomain}</domain><result>{result}</result></dkim>" +
                $"<spf><domain>{domain}</domain><result>{result}</result></spf></auth_results></record>");
        }
        sb.Append("</feedback>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>One day's TLS report for an STS policy of <paramref name="domain"/>, with the failures detailed.</summary>
    public static byte[] TlsReport(string org, string reportId, string domain, DateOnly day, long successful, params TlsFailure[] failures)
    {
        var start = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var details = string.Join(",", failures.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{{\"result-type\":\"{f.ResultType}\",\"sending-mta-ip\":\"192.0.2.10\",\"receiving-mx-hostname\":\"{f.ReceivingMx}\",\"failed-session-count\":{f.Sessions}}}")));
        var json = string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "organization-name": "{{org}}",
              "date-range": { "start-datetime": "{{start}}T00:00:00Z", "end-datetime": "{{start}}T23:59:59Z" },
              "contact-info": "smtp-tls-reporting@{{org}}",
              "report-id": "{{reportId}}",
              "policies": [{
                "policy": { "policy-type": "sts", "policy-string": ["version: STSv1", "mode: enforce", "mx: *.{{domain}}", "max_age: 86400"],
                            "policy-domain": "{{domain}}", "mx-host": ["*.{{domain}}"] },
                "summary": { "total-successful-session-count": {{successful}}, "total-failure-session-count": {{failures.Sum(f => f.Sessions)}} },
                "failure-details": [{{details}}]
              }]
            }
            """);
        return Encoding.UTF8.GetBytes(json);
    }
}
