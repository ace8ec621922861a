using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Cluster.Settings;

public sealed class SettingsVersionConfiguration : IEntityTypeConfiguration<SettingsVersion>
{
    public void Configure(EntityTypeBuilder<SettingsVersion> builder)
    {
        builder.ToTable("SettingsVersions");
        builder.HasKey(v => v.Area);
        builder.Property(v => v.Area).HasMaxLength(32);
        // Every area has its row from the start, so a bump is always an UPDATE (no insert race between nodes).
        builder.HasData(Enum.GetNames<SettingsArea>().Select(a => new SettingsVersion { Area = a, Version = 0 }));
    }
}
