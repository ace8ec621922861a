using Appliance.Web.Modules.Reports.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Reports.Configurations;

public sealed class IngestionLogEntryConfiguration : IEntityTypeConfiguration<IngestionLogEntry>
{
    public void Configure(EntityTypeBuilder<IngestionLogEntry> builder)
    {
        builder.ToTable("ReportIngestionLog");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Source).HasMaxLength(500);
        builder.HasIndex(e => e.At);
    }
}
