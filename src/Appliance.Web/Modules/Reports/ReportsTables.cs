using Appliance.Web.Data;
using Appliance.Web.Modules.Reports.Entities;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Reports;

/// <summary>The reports module's tables in <see cref="ApplianceDbContext"/> (configured by <see cref="ReportsModel"/>).</summary>
public static class ReportsTables
{
    extension(ApplianceDbContext db)
    {
        public DbSet<StoredReport> Reports => db.Set<StoredReport>();

        public DbSet<DmarcRecordRow> DmarcRecords => db.Set<DmarcRecordRow>();

        public DbSet<TlsResultRow> TlsResults => db.Set<TlsResultRow>();

        public DbSet<FailureReportRow> FailureReports => db.Set<FailureReportRow>();

        public DbSet<ReportMailbox> Mailboxes => db.Set<ReportMailbox>();

        public DbSet<IngestionLogEntry> IngestionLog => db.Set<IngestionLogEntry>();

        public DbSet<ReportAlertMark> AlertMarks => db.Set<ReportAlertMark>();
    }
}
