using Appliance.Web.Modules.Reports.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Reports.Configurations;

public sealed class TlsResultRowConfiguration : IEntityTypeConfiguration<TlsResultRow>
{
    public void Configure(EntityTypeBuilder<TlsResultRow> builder)
    {
        builder.ToTable("TlsResults");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.PolicyType).HasMaxLength(32);
        builder.Property(r => r.PolicyDomain).HasMaxLength(253);
        builder.Property(r => r.ResultType).HasMaxLength(64);
        builder.HasIndex(r => r.StoredReportId);
    }
}
