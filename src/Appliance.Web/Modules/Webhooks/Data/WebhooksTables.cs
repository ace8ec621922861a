using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Webhooks.Data;

/// <summary>The webhooks module's tables in <see cref="ApplianceDbContext"/> (configured by <see cref="WebhooksModel"/>).</summary>
public static class WebhooksTables
{
    extension(ApplianceDbContext db)
    {
        public DbSet<WebhookEndpoint> Endpoints => db.Set<WebhookEndpoint>();

        public DbSet<WebhookDelivery> WebhookDeliveries => db.Set<WebhookDelivery>();
    }
}
