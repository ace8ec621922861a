using Appliance.Mta.Smtp.Client;
using Appliance.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Data.EntityConfigurations;

public sealed class RouteEntryConfiguration : IEntityTypeConfiguration<RouteEntry>
{
    public void Configure(EntityTypeBuilder<RouteEntry> builder)
    {
        builder.ToTable("Routes");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Domain).HasMaxLength(255);
        builder.HasIndex(r => r.Domain).IsUnique();
        builder.Property(r => r.Host).HasMaxLength(255);
        builder.Property(r => r.Username).HasMaxLength(256);
        builder.Property(r => r.LegacyPlaintextPassword).HasColumnName("Password").HasMaxLength(512);
        builder.Property(r => r.ProtectedPassword);
        builder.Ignore(r => r.HasPassword);
        builder.Property(r => r.TlsMode).HasConversion<string>().HasMaxLength(16);
    }
}
