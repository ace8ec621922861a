using Appliance.Web.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Data;

/// <summary>The SQLite flavour of <see cref="ApplianceDbContext"/>; its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqliteApplianceDbContext(DbContextOptions options) : ApplianceDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
