using Appliance.Web.Modules.TlsReporting.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.TlsReporting.Configurations;

public sealed class TlsReportDeliveryConfiguration : IEntityTypeConfiguration<TlsReportDelivery>
{
    public void Configure(EntityTypeBuilder<TlsReportDelivery> builder)
    {
        builder.ToTable("TlsReportDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Day).HasMaxLength(10);
        builder.Property(d => d.PolicyDomain).HasMaxLength(253);
        builder.Property(d => d.Outcome).HasMaxLength(16);
        builder.HasIndex(d => new { d.Day, d.PolicyDomain });
    }
}
