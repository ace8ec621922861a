using Appliance.Web.Modules.Domains.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Domains.Configurations;

public sealed class DomainCheckRunConfiguration : IEntityTypeConfiguration<DomainCheckRun>
{
    public void Configure(EntityTypeBuilder<DomainCheckRun> builder)
    {
        builder.ToTable("DomainCheckRuns");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.SendingDomainId, r.CheckedAt });
        builder.Property(r => r.Worst).HasConversion<string>().HasMaxLength(8);
        builder.HasOne<SendingDomain>().WithMany().HasForeignKey(r => r.SendingDomainId).OnDelete(DeleteBehavior.Cascade);
    }
}
