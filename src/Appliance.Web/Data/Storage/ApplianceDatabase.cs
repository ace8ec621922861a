using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Appliance.Web.Data.Storage;

/// <summary>
/// The host's database as configured: which provider, which connection string, and how to open a context on it.
/// One instance per host (<see cref="DatabaseOptions"/> plus the data folder for SQLite's file).
/// </summary>
public sealed class ApplianceDatabase
{
    private readonly DbContextOptions<ApplianceDbContext> _options;

    public ApplianceDatabase(DatabaseProvider provider, string connectionString, Action<DbContextOptionsBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Provider = provider;
        ConnectionString = connectionString;
        var builder = new DbContextOptionsBuilder<ApplianceDbContext>();
        Configure(builder, provider, connectionString);
        configure?.Invoke(builder);
        _options = builder.Options;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A new context of the provider's concrete type (the caller disposes it).</summary>
    public ApplianceDbContext CreateDbContext() => Provider switch
    {
        DatabaseProvider.PostgreSql => new PostgreSqlApplianceDbContext(_options),
        _ => new SqliteApplianceDbContext(_options),
    };

    /// <summary>The connection string for the SQLite file in the data folder.</summary>
    public static string SqliteConnectionString(string databasePath) => $"Data Source={databasePath}";

    /// <summary>Points <paramref name="builder"/> at the provider (used by the host, the design-time factories and tests).</summary>
    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (provider)
        {
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(connectionString);
                break;
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString);
                // To add a foreign key, EF rebuilds a SQLite table (the TenantUsers migration adds two to AspNetUsers) and
                // turns foreign keys off outside the migration's transaction for it. The rebuild itself runs inside the
                // transaction (a crash leaves the old table) and the PRAGMA lasts one connection, so the warning (20410)
                // tells an operator nothing to act on; it would be the only line a clean first start prints.
                builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider");
        }
    }
}
