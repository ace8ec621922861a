using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Suppressions;

public sealed class SuppressionRecordConfiguration : IEntityTypeConfiguration<SuppressionRecord>
{
    public void Configure(EntityTypeBuilder<SuppressionRecord> b)
    {
        b.ToTable("Suppressions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Address).HasMaxLength(320).IsRequired();
        b.Property(x => x.Scope).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ScopeKey).HasMaxLength(255).IsRequired();
        b.Property(x => x.Reason).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.SourceType).HasMaxLength(32);
        b.Property(x => x.SourceMessageId).HasMaxLength(64);
        b.Property(x => x.SourceResponse).HasMaxLength(1000);
        b.HasIndex(x => new { x.Address, x.Scope, x.ScopeKey }).IsUnique();
        b.HasIndex(x => new { x.ScopeKey, x.CreatedAt });
        b.HasIndex(x => x.ExpiresAt);
    }
}
