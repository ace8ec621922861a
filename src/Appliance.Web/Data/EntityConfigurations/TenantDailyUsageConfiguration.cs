using Appliance.Web.Services.TenantMetering;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Data.EntityConfigurations;

public sealed class TenantDailyUsageConfiguration : IEntityTypeConfiguration<TenantDailyUsage>
{
    public void Configure(EntityTypeBuilder<TenantDailyUsage> builder)
    {
        builder.ToTable("TenantDailyUsage");
        builder.HasKey(u => new { u.TenantId, u.Day, u.Domain });
        builder.Property(u => u.TenantId).HasMaxLength(64);
        builder.Property(u => u.Domain).HasMaxLength(255);
        builder.HasIndex(u => u.Day);
    }
}
