using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Appliance.Web.Data.Storage;

/// <summary>
/// Used by `dotnet ef` only (migrations of the SQLite stream, Data/Migrations/Sqlite), so migrations are generated
/// without starting the host: <c>dotnet ef migrations add Name --context SqliteApplianceDbContext --output-dir Data/Migrations/Sqlite</c>.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteApplianceDbContext>
{
    public SqliteApplianceDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ApplianceDbContext>();
        ApplianceDatabase.Configure(builder, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new SqliteApplianceDbContext(builder.Options);
    }
}
