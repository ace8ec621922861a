using Appliance.Web.Modules.TlsReporting.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.TlsReporting.Configurations;

public sealed class TlsOutcomeCountConfiguration : IEntityTypeConfiguration<TlsOutcomeCount>
{
    public void Configure(EntityTypeBuilder<TlsOutcomeCount> builder)
    {
        builder.ToTable("TlsOutcomeCounts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Day).HasMaxLength(10);
        builder.Property(c => c.PolicyDomain).HasMaxLength(253);
        builder.Property(c => c.PolicyType).HasMaxLength(32);
        builder.Property(c => c.ResultType).HasMaxLength(64);
        builder.Property(c => c.ReceivingMx).HasMaxLength(253);
        builder.Property(c => c.SendingIp).HasMaxLength(45).HasDefaultValue("");
        builder.HasIndex(c => new { c.Day, c.PolicyDomain, c.PolicyType, c.ResultType, c.ReceivingMx, c.SendingIp }).IsUnique();
    }
}
