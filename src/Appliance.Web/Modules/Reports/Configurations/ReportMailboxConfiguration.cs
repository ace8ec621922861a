using Appliance.Web.Modules.Reports.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Reports.Configurations;

public sealed class ReportMailboxConfiguration : IEntityTypeConfiguration<ReportMailbox>
{
    public void Configure(EntityTypeBuilder<ReportMailbox> builder)
    {
        builder.ToTable("ReportMailboxes");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.HasIndex(m => m.Name).IsUnique();
        builder.Property(m => m.Host).HasMaxLength(253);
        builder.Property(m => m.Username).HasMaxLength(255);
        builder.Property(m => m.PinnedCertificateSha256).HasMaxLength(95);
    }
}
