using Appliance.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Data.EntityConfigurations;

public sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public const string DefaultTenantId = "default";

    /// <summary>The seed date of the default tenant; replaced by the first start's time (ApplianceDatabaseInitializer).</summary>
    public static readonly DateTimeOffset SeedCreatedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64);
        // Names are unique regardless of case ("Acme" and "acme" are the same customer).
        builder.Property(t => t.Name).HasMaxLength(100).UseCollation("NOCASE");
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.DsnEnabled).HasDefaultValue(true);
        builder.HasMany(t => t.SmtpCredentials).WithOne(c => c.Tenant).HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);

        // The engine's MtaOptions.DefaultTenant: owner of mail relayed by RelayHosts without AUTH.
        builder.HasData(new Tenant
        {
            Id = DefaultTenantId,
            Name = "Default",
            DsnEnabled = true,
            CreatedAt = SeedCreatedAt,
        });
    }
}
