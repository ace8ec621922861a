using Appliance.Web.Data.Modules;
using Appliance.Web.Modules.Reports.Entities;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Reports;

/// <summary>The reports module's tables: reports with raw bytes, their parsed rows, IMAP mailboxes, the ingestion log, raised alerts.</summary>
public sealed class ReportsDbContext(DbContextOptions<ReportsDbContext> options) : ModuleDbContext(options)
{
    public DbSet<StoredReport> Reports => Set<StoredReport>();
    public DbSet<DmarcRecordRow> DmarcRecords => Set<DmarcRecordRow>();
    public DbSet<TlsResultRow> TlsResults => Set<TlsResultRow>();
    public DbSet<FailureReportRow> FailureReports => Set<FailureReportRow>();
    public DbSet<ReportMailbox> Mailboxes => Set<ReportMailbox>();
    public DbSet<IngestionLogEntry> IngestionLog => Set<IngestionLogEntry>();
    public DbSet<ReportAlertMark> AlertMarks => Set<ReportAlertMark>();
}
