using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Data.Storage;

/// <summary><see cref="IDbContextFactory{TContext}"/> of the configured provider's <see cref="ApplianceDbContext"/>.</summary>
public sealed class ApplianceDbContextFactory(ApplianceDatabase database) : IDbContextFactory<ApplianceDbContext>
{
    public ApplianceDbContext CreateDbContext() => database.CreateDbContext();
}
