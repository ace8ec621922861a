using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Web.Data.Storage;

/// <summary>
/// Used by `dotnet ef` only (migrations of the PostgreSQL stream, Data/Migrations/PostgreSql); adding a migration
/// needs no server: <c>dotnet ef migrations add Name --context PostgreSqlApplianceDbContext --output-dir Data/Migrations/PostgreSql</c>.
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlApplianceDbContext>
{
    public PostgreSqlApplianceDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ApplianceDbContext>();
        ApplianceDatabase.Configure(builder, DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=appliance_design_time");
        return new PostgreSqlApplianceDbContext(builder.Options);
    }
}
