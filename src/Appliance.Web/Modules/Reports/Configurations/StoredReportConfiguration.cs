using Appliance.Web.Modules.Reports.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Reports.Configurations;

public sealed class StoredReportConfiguration : IEntityTypeConfiguration<StoredReport>
{
    public void Configure(EntityTypeBuilder<StoredReport> builder)
    {
        builder.ToTable("Reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.OrgName).HasMaxLength(255);
        builder.Property(r => r.ReportId).HasMaxLength(255);
        builder.Property(r => r.Domain).HasMaxLength(253);
        builder.Property(r => r.TenantId).HasMaxLength(100);
        builder.Property(r => r.Source).HasMaxLength(500);
        builder.Property(r => r.PolicyP).HasMaxLength(16);
        // Deduplication: a report is identified by its reporter and its id (RFC 7489 §7.2.1.1, RFC 8460 §4.4).
        builder.HasIndex(r => new { r.Kind, r.OrgName, r.ReportId }).IsUnique();
        builder.HasIndex(r => new { r.Domain, r.Begin });
        builder.HasIndex(r => r.ReceivedAt);
        builder.HasMany(r => r.DmarcRecords).WithOne().HasForeignKey(x => x.StoredReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.TlsResults).WithOne().HasForeignKey(x => x.StoredReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
