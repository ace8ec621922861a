using Appliance.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Inspection;

public sealed class ContentRetentionSettingsConfiguration : IEntityTypeConfiguration<ContentRetentionSettings>
{
    public void Configure(EntityTypeBuilder<ContentRetentionSettings> builder)
    {
        builder.ToTable("TenantContentRetention");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.TenantId).HasMaxLength(64);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
