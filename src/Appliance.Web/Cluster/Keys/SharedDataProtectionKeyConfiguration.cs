using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Cluster.Keys;

public sealed class SharedDataProtectionKeyConfiguration : IEntityTypeConfiguration<SharedDataProtectionKey>
{
    public void Configure(EntityTypeBuilder<SharedDataProtectionKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
