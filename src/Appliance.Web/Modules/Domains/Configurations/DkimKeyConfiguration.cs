using Appliance.Web.Modules.Domains.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Domains.Configurations;

public sealed class DkimKeyConfiguration : IEntityTypeConfiguration<DkimKey>
{
    public void Configure(EntityTypeBuilder<DkimKey> builder)
    {
        builder.ToTable("DkimKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Selector).HasMaxLength(63);
        builder.HasIndex(k => new { k.SendingDomainId, k.Selector }).IsUnique();
        builder.Property(k => k.Algorithm).HasConversion<string>().HasMaxLength(32);
        builder.Property(k => k.Status).HasConversion<string>().HasMaxLength(16);
    }
}
