using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Web.Modules.Webhooks.Data;

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("WebhookDeliveries");
        b.HasKey(d => d.Id);
        b.Property(d => d.EndpointId).HasMaxLength(32);
        b.Property(d => d.RequestExcerpt).HasMaxLength(Delivery.WebhookDeliveryLog.ExcerptLength);
        b.Property(d => d.ResponseExcerpt).HasMaxLength(Delivery.WebhookDeliveryLog.ExcerptLength);
        b.HasIndex(d => new { d.EndpointId, d.Id });
    }
}
