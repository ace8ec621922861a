using Appliance.Web.Services.TenantLimits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Data.EntityConfigurations;

public sealed class TenantUsageBucketConfiguration : IEntityTypeConfiguration<TenantUsageBucket>
{
    public void Configure(EntityTypeBuilder<TenantUsageBucket> builder)
    {
        builder.ToTable("TenantUsageBuckets");
        builder.HasKey(b => new { b.TenantId, b.Minute });
        builder.Property(b => b.TenantId).HasMaxLength(64);
        builder.HasIndex(b => b.Minute);
    }
}
