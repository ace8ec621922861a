using Appliance.Web.Modules.Reports.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Reports.Configurations;

public sealed class FailureReportRowConfiguration : IEntityTypeConfiguration<FailureReportRow>
{
    public void Configure(EntityTypeBuilder<FailureReportRow> builder)
    {
        builder.ToTable("FailureReports");
        builder.HasKey(r => r.Id);
        builder.HasOne<StoredReport>().WithMany().HasForeignKey(r => r.StoredReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.StoredReportId).IsUnique();
    }
}
