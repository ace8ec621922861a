using Appliance.Web.Modules.Domains.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Domains.Configurations;

public sealed class SendingDomainConfiguration : IEntityTypeConfiguration<SendingDomain>
{
    public void Configure(EntityTypeBuilder<SendingDomain> builder)
    {
        builder.ToTable("SendingDomains");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Name).HasMaxLength(253);
        builder.HasIndex(d => d.Name).IsUnique();
        builder.Property(d => d.TenantId).HasMaxLength(100);
        builder.HasIndex(d => d.TenantId);
        builder.Property(d => d.ReturnPathDomain).HasMaxLength(253);
        builder.Property(d => d.Algorithm).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Phase).HasConversion<string>().HasMaxLength(32);
        builder.HasMany(d => d.Keys).WithOne(k => k.Domain).HasForeignKey(k => k.SendingDomainId).OnDelete(DeleteBehavior.Cascade);
    }
}
