using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Webhooks.Data;

public sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.ToTable("WebhookEndpoints");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasMaxLength(32);
        b.Property(e => e.TenantId).HasMaxLength(64);
        b.Property(e => e.Url).HasMaxLength(2048);
        b.Property(e => e.EventTypes).HasMaxLength(400);
        b.HasIndex(e => e.TenantId);
    }
}
