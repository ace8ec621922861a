using Appliance.Web.Modules.Reports;
using Appliance.Web.Modules.Reports.Ingestion;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Row = Appliance.Web.Tests.Reports.SyntheticReports.Row;

namespace Appliance.Web.Tests.Reports;

/// <summary>The admin's upload on the Reports page: its reports and its audit row are stored in one transaction, or neither.</summary>
public sealed class ReportUploadAuditTests : IDisposable
{
    private readonly ReportsFactory _host = new();

    public void Dispose() => _host.Dispose();

    private ReportIngestionService Ingestion => _host.Services.GetRequiredService<ReportIngestionService>();

    [Fact]
    public async Task A_refused_audit_row_leaves_none_of_the_uploaded_reports()
    {
        var domain = SyntheticReports.NewDomain();
        var files = new List<(string, byte[])>
        {
            ("a.xml", SyntheticReports.Aggregate("org.example", "upload-a", domain, ReportsFactory.T0, "none", new Row("192.0.2.10", 3))),
            ("b.xml", SyntheticReports.Aggregate("org.example", "upload-b", domain, ReportsFactory.T0.AddDays(1), "none", new Row("192.0.2.10", 4))),
        };
        await RefusedWrites.RefuseAsync(_host, "AuditLog");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Ingestion.UploadAsync(files, "user:admin@example.com"));

        await using var db = _host.CreateReportsDb();
        Assert.False(await db.Reports.AnyAsync(r => r.Domain == domain));
    }

    [Fact]
    public async Task A_refused_report_leaves_no_upload_audit_row()
    {
        var domain = SyntheticReports.NewDomain();
        await RefusedWrites.RefuseAsync(_host, "Reports");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Ingestion.UploadAsync(
            [("a.xml", SyntheticReports.Aggregate("org.example", "upload-c", domain, ReportsFactory.T0, "none", new Row("192.0.2.10", 3)))], "user:admin@example.com"));

        await using var db = _host.CreateReportsDb();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "reports.upload"));
    }

    [Fact]
    public async Task Without_failures_the_reports_and_one_audit_row_are_stored_and_a_duplicate_is_counted()
    {
        var domain = SyntheticReports.NewDomain();
        var xml = SyntheticReports.Aggregate("org.example", "upload-d", domain, ReportsFactory.T0, "none", new Row("192.0.2.10", 3));

        var result = await Ingestion.UploadAsync([("a.xml", xml), ("again.xml", xml)], "user:admin@example.com");

        Assert.Equal(["stored", "duplicate"], result.Reports.Select(r => r.Status));
        await using var db = _host.CreateReportsDb();
        Assert.Equal(1, await db.Reports.CountAsync(r => r.Domain == domain));
        var entry = await db.AuditLog.SingleAsync(a => a.Action == "reports.upload");
        Assert.Equal("a.xml, again.xml", entry.Target);
        Assert.Contains("\"stored\":1", entry.After, StringComparison.Ordinal);
    }
}
