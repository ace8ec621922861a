using Appliance.Web.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Data;

/// <summary>The PostgreSQL flavour of <see cref="ApplianceDbContext"/>; its migrations are in Data/Migrations/PostgreSql.</summary>
public sealed class PostgreSqlApplianceDbContext(DbContextOptions options) : ApplianceDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
