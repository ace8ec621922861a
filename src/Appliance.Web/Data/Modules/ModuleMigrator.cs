using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Data.Modules;

internal sealed class ModuleMigrator<TContext>(IDbContextFactory<TContext> factory) : IModuleMigrator where TContext : ModuleDbContext
{
    public string Module => typeof(TContext).Name;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
