using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.BounceRules;

public sealed class BounceRuleRecordConfiguration : IEntityTypeConfiguration<BounceRuleRecord>
{
    public void Configure(EntityTypeBuilder<BounceRuleRecord> b)
    {
        b.ToTable("BounceRules");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasMaxLength(100);
        b.Property(r => r.Pattern).HasMaxLength(2000);
        b.Property(r => r.Status).HasMaxLength(200);
        b.Property(r => r.Category).HasMaxLength(50);
        b.Property(r => r.Provider).HasMaxLength(100);
        b.Property(r => r.Description).HasMaxLength(1000);
        b.HasIndex(r => r.Position);
    }
}
