using Appliance.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Data.EntityConfigurations;

public sealed class SmtpCredentialConfiguration : IEntityTypeConfiguration<SmtpCredentialEntity>
{
    public void Configure(EntityTypeBuilder<SmtpCredentialEntity> builder)
    {
        builder.ToTable("SmtpCredentials");
        builder.HasKey(c => c.Id);
        // SMTP AUTH user names compare case-insensitively.
        builder.Property(c => c.Username).HasMaxLength(256).UseCollation("NOCASE");
        builder.HasIndex(c => c.Username).IsUnique();
        builder.Property(c => c.Secret).HasMaxLength(512);
        builder.Property(c => c.Stream).HasMaxLength(32);
    }
}
