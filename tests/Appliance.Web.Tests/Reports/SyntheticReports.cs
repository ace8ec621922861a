using System.Globalization;
using System.Text;

namespace Appliance.Web.Tests.Reports;

/// <summary>Hand-made aggregate reports for the ingestion tests (RFC 7489 Appendix C shape).</summary>
public static class SyntheticReports
{
    public sealed record Row(string Ip, long Count, string Dkim = "pass", string Spf = "pass");

    public static string NewDomain() => $"r{Guid.NewGuid().ToString("N")[..10]}.example";

    public static byte[] Aggregate(string org, string id, string domain, DateTimeOffset begin, string p, params Row[] rows)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\"?><feedback><report_metadata><org_name>{org}</org_name><email>r@{org}</email><report_id>{id}</report_id>");
        sb.Append(CultureInfo.InvariantCulture, $"<date_range><begin>{begin.ToUnixTimeSeconds()}</begin><end>{begin.AddDays(1).ToUnixTimeSeconds() - 1}</end></date_range></report_metadata>");
        sb.Append(CultureInfo.InvariantCulture, $"<policy_published><domain>{domain}</domain><adkim>r</adkim><aspf>r</aspf><p>{p}</p><pct>100</pct></policy_published>");
        foreach (var r in rows)
            sb.Append(CultureInfo.InvariantCulture,
                $"<record><row><source_ip>{r.Ip}</source_ip><count>{r.Count}</count><policy_evaluated><disposition>none</disposition><dkim>{r.Dkim}</dkim><spf>{r.Spf}</spf></policy_evaluated></row>" +
                $"<identifiers><header_from>{domain}</header_from></identifiers><auth_results><dkim><domain>{(r.Dkim == "pass" ? domain : "esp.example")}</domain><result>pass</result></dkim>" +
                $"<spf><domain>{domain}</domain><result>{r.Spf}</result></spf></auth_results></record>");
        sb.Append("</feedback>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
