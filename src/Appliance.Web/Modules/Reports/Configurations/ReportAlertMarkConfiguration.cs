using Appliance.Web.Modules.Reports.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Reports.Configurations;

public sealed class ReportAlertMarkConfiguration : IEntityTypeConfiguration<ReportAlertMark>
{
    public void Configure(EntityTypeBuilder<ReportAlertMark> builder)
    {
        builder.ToTable("ReportAlertMarks");
        builder.HasKey(m => m.Key);
        builder.Property(m => m.Key).HasMaxLength(400);
    }
}
