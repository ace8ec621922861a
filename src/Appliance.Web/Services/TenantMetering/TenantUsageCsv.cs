using System.Globalization;
using CsvHelper;

namespace Appliance.Web.Services.TenantMetering;

/// <summary>The usage report as CSV (RFC 4180 as CsvHelper writes it): a header record, then one record per period and sending domain.</summary>
public static class TenantUsageCsv
{
    public const string ContentType = "text/csv";

    public static readonly string[] Columns =
        ["period", "domain", "accepted", "delivered", "deferred", "bouncedHard", "bouncedSoft", "complained", "unsubscribed", "bytesIn", "bytesOut"];

    public static async Task<string> WriteAsync(TenantUsageReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
        {
            csv.WriteHeader(Columns);
            foreach (var r in report.Rows)
            {
                csv.WriteField(r.Period);
                csv.WriteField(r.Domain);
                foreach (var n in (long[])[r.Accepted, r.Delivered, r.Deferred, r.BouncedHard, r.BouncedSoft, r.Complained, r.Unsubscribed, r.BytesIn, r.BytesOut])
                    csv.WriteField(n.ToString(CultureInfo.InvariantCulture));
                await csv.EndRecordAsync(ct);
            }
            await csv.FlushAsync(ct);
        }
        return text.ToString();
    }
}
