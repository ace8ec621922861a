using Appliance.Web.Modules.Domains.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Domains.Configurations;

public sealed class TenantSendingPolicyConfiguration : IEntityTypeConfiguration<TenantSendingPolicy>
{
    public void Configure(EntityTypeBuilder<TenantSendingPolicy> builder)
    {
        builder.ToTable("TenantSendingPolicies");
        builder.HasKey(p => p.TenantId);
        builder.Property(p => p.TenantId).HasMaxLength(100);
        builder.Property(p => p.Enforcement).HasConversion<string>().HasMaxLength(16);
    }
}
