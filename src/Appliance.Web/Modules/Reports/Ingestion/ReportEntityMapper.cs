using System.IO.Compression;
using Appliance.Mta.Reports;
using Appliance.Mta.Reports.Dmarc;
using Appliance.Mta.Reports.Forensic;
using Appliance.Mta.Reports.Tls;
using Appliance.Web.Modules.Reports.Entities;

namespace Appliance.Web.Modules.Reports.Ingestion;

/// <summary>Parsed reports → rows (flattened for queries), with the raw bytes gzip-compressed.</summary>
public static class ReportEntityMapper
{
    public static StoredReport FromAggregate(DmarcAggregateReport r) => new()
    {
        Kind = ReportKind.DmarcAggregate, OrgName = Clip(r.OrgName, 255), ReportId = Clip(r.ReportId, 255), Domain = r.Policy.Domain,
        Begin = r.Begin, End = r.End, RecordCount = r.Records.Count, MessageCount = r.MessageCount,
        FailureCount = r.Records.Where(x => !x.DmarcPass).Sum(x => x.Count), PolicyP = r.Policy.P, PolicyPct = r.Policy.Pct,
        Problems = string.Join('\n', r.Problems),
        DmarcRecords = r.Records.Select(x => new DmarcRecordRow
        {
            SourceIp = x.SourceIp, Count = x.Count, Disposition = x.Disposition, DkimPass = x.Dkim == "pass", SpfPass = x.Spf == "pass",
            DmarcPass = x.DmarcPass, HeaderFrom = x.HeaderFrom, EnvelopeFrom = x.EnvelopeFrom,
            DkimAuth = string.Join("; ", x.DkimResults.Select(d => $"d={d.Domain}{(d.Selector is null ? "" : " s=" + d.Selector)} {d.Result}")),
            SpfAuth = string.Join("; ", x.SpfResults.Select(s => $"{s.Scope ?? "mfrom"} {s.Domain} {s.Result}")),
            FailureReasons = string.Join('\n', DmarcAlignmentExplainer.Explain(x, r.Policy)),
        }).ToList(),
    };

    public static StoredReport FromTls(TlsReport r)
    {
        var rows = new List<TlsResultRow>();
        foreach (var p in r.Policies)
        {
            rows.Add(new TlsResultRow { PolicyType = p.PolicyType, PolicyDomain = p.PolicyDomain, ResultType = "success", Sessions = p.TotalSuccessfulSessions });
            var detailed = 0L;
            foreach (var d in p.FailureDetails)
            {
                detailed += d.FailedSessionCount;
                rows.Add(new TlsResultRow
                {
                    PolicyType = p.PolicyType, PolicyDomain = p.PolicyDomain, ResultType = d.ResultType, ReceivingMx = d.ReceivingMxHostname,
                    ReceivingIp = d.ReceivingIp, SendingIp = d.SendingMtaIp, Sessions = d.FailedSessionCount, AdditionalInformation = d.AdditionalInformation,
                });
            }
            // RFC 8460 §4.3: failure-details may be partial; the rest of the failed sessions have no stated reason.
            if (p.TotalFailureSessions > detailed)
                rows.Add(new TlsResultRow { PolicyType = p.PolicyType, PolicyDomain = p.PolicyDomain, ResultType = "unspecified", Sessions = p.TotalFailureSessions - detailed });
        }
        return new StoredReport
        {
            Kind = ReportKind.TlsRpt, OrgName = Clip(r.OrganizationName, 255), ReportId = Clip(r.ReportId, 255),
            Domain = r.Policies.FirstOrDefault()?.PolicyDomain ?? "", Begin = r.Start, End = r.End, RecordCount = r.Policies.Count,
            MessageCount = r.TotalSuccessful + r.TotalFailure, FailureCount = r.TotalFailure, Problems = string.Join('\n', r.Problems), TlsResults = rows,
        };
    }

    public static (StoredReport Report, FailureReportRow Row) FromFailure(DmarcFailureReport r, byte[] raw, DateTimeOffset now)
    {
        var when = r.ArrivalDate ?? now;
        var report = new StoredReport
        {
            Kind = ReportKind.DmarcFailure, OrgName = Clip(r.Reporter ?? r.UserAgent ?? "", 255),
            // A failure report has no report id: its Message-ID, else a digest of its bytes, identifies it.
            ReportId = Clip(r.ReportMessageId ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(raw))[..32], 255),
            Domain = r.ReportedDomain ?? "", Begin = when, End = when, RecordCount = 1, MessageCount = 1, FailureCount = 1,
        };
        var row = new FailureReportRow
        {
            SourceIp = r.SourceIp, OriginalMailFrom = r.OriginalMailFrom, OriginalRcptTo = r.OriginalRcptTo, AuthFailure = r.AuthFailure,
            DeliveryResult = r.DeliveryResult, DkimDomain = r.DkimDomain, AuthenticationResults = r.AuthenticationResults,
            OriginalSubject = r.OriginalSubject, ArrivalDate = r.ArrivalDate,
        };
        return (report, row);
    }

    public static byte[] Compress(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal)) gz.Write(raw);
        return ms.ToArray();
    }

    public static byte[] Decompress(byte[] stored)
    {
        using var gz = new GZipStream(new MemoryStream(stored), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
