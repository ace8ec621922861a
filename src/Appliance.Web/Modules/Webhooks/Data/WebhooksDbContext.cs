using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Webhooks.Data;

/// <summary>Webhook endpoints and their delivery log (the queued events live in their own file, see WebhookQueueStore).</summary>
public sealed class WebhooksDbContext(DbContextOptions<WebhooksDbContext> options) : ModuleDbContext(options)
{
    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();
}
