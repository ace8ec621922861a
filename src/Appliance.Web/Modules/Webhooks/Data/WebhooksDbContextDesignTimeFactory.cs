using Appliance.Web.Data.Modules;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Web.Modules.Webhooks.Data;

public sealed class WebhooksDbContextDesignTimeFactory : IDesignTimeDbContextFactory<WebhooksDbContext>
{
    public WebhooksDbContext CreateDbContext(string[] args) => new(ModuleDatabase.DesignTimeOptions<WebhooksDbContext>());
}
