using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Suppressions;

public sealed class TenantFeedbackSettingsRecordConfiguration : IEntityTypeConfiguration<TenantFeedbackSettingsRecord>
{
    public void Configure(EntityTypeBuilder<TenantFeedbackSettingsRecord> b)
    {
        b.ToTable("TenantFeedbackSettings");
        b.HasKey(x => x.TenantId);
        b.Property(x => x.TenantId).HasMaxLength(64);
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ReturnPathDomain).HasMaxLength(253);
        b.HasIndex(x => x.ReturnPathDomain).IsUnique();
    }
}
