using Appliance.Web.Modules.Reports.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Reports.Configurations;

public sealed class DmarcRecordRowConfiguration : IEntityTypeConfiguration<DmarcRecordRow>
{
    public void Configure(EntityTypeBuilder<DmarcRecordRow> builder)
    {
        builder.ToTable("DmarcRecords");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SourceIp).HasMaxLength(45);
        builder.HasIndex(r => r.StoredReportId);
        builder.HasIndex(r => r.SourceIp);
    }
}
