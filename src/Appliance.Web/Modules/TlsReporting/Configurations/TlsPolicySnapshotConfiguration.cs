using Appliance.Web.Modules.TlsReporting.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.TlsReporting.Configurations;

public sealed class TlsPolicySnapshotConfiguration : IEntityTypeConfiguration<TlsPolicySnapshot>
{
    public void Configure(EntityTypeBuilder<TlsPolicySnapshot> builder)
    {
        builder.ToTable("TlsPolicySnapshots");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Day).HasMaxLength(10);
        builder.Property(p => p.PolicyDomain).HasMaxLength(253);
        builder.HasIndex(p => new { p.Day, p.PolicyDomain }).IsUnique();
    }
}
