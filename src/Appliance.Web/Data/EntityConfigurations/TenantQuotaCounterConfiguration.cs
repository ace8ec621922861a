using Appliance.Web.Services.TenantLimits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Data.EntityConfigurations;

public sealed class TenantQuotaCounterConfiguration : IEntityTypeConfiguration<TenantQuotaCounter>
{
    public void Configure(EntityTypeBuilder<TenantQuotaCounter> builder)
    {
        builder.ToTable("TenantQuotaCounters");
        builder.HasKey(c => new { c.TenantId, c.Window, c.Period, c.Scope });
        builder.Property(c => c.TenantId).HasMaxLength(64);
        builder.Property(c => c.Window).HasMaxLength(16);
        builder.Property(c => c.Period).HasMaxLength(10);
        builder.Property(c => c.Scope).HasMaxLength(255);
    }
}
