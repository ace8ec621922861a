using Appliance.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Data.EntityConfigurations;

/// <summary>The columns the appliance adds to Identity's AspNetUsers: the tenant of a tenant user and the "view as" tenant.</summary>
public sealed class ApplianceUserConfiguration : IEntityTypeConfiguration<ApplianceUser>
{
    public void Configure(EntityTypeBuilder<ApplianceUser> builder)
    {
        builder.Property(u => u.TenantId).HasMaxLength(64);
        builder.HasIndex(u => u.TenantId);
        // A tenant's users go with it; a "view as" pointer is just cleared.
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(u => u.ViewAsTenantId).HasMaxLength(64);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.ViewAsTenantId).OnDelete(DeleteBehavior.SetNull);
    }
}
