using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Data.Legacy;

/// <summary>
/// Brings a SQLite database made by 0.1.0 (eight DbContexts, eight migration histories: <c>__EFMigrationsHistory</c>
/// for the core and <c>__EFMigrationsHistory_{Module}</c> for each module) into the one SQLite migration stream.
/// <para>
/// 0.1.0's migrations are kept as frozen SQL (Data/Legacy/*.sql, the output of `dotnet ef migrations script` of that
/// release). Any that a database lacks (one made by an earlier build) are applied first, so the schema is exactly the
/// one the stream's <see cref="BaselineMigrationId">baseline</see> describes; then, in the same transaction, the
/// legacy history rows and tables are replaced by one baseline row, and EF's migrator applies what came after it.
/// Tables and rows are never rewritten, so no data is lost. A new or already converted database is left alone.
/// </para>
/// </summary>
public static class LegacySqliteUpgrade
{
    /// <summary>The first migration of the SQLite stream: 0.1.0's final schema.</summary>
    public const string BaselineMigrationId = "20261207000000_Baseline";

    private const string CoreHistory = "__EFMigrationsHistory";

    /// <summary>0.1.0's migrations per history, each history in its own order (the histories are independent).</summary>
    public static IReadOnlyList<LegacyMigration> Migrations { get; } =
    [
        new(CoreHistory, "20261129201851_InitialCreate"),
        new(CoreHistory, "20261129205700_UiSettingsAndAudit"),
        new(CoreHistory, "20261130013841_TenantMessageLimits"),
        new(CoreHistory, "20261130025519_ApiKeyStream"),
        new(CoreHistory, "20261206200048_ProtectRoutePasswords"),
        new(CoreHistory, "20261206205620_TenantUsageBuckets"),
        new(CoreHistory + "_Domains", "20261129232346_InitialDomains"),
        new(CoreHistory + "_Suppressions", "20261129232440_InitialSuppressions"),
        new(CoreHistory + "_Webhooks", "20261129231155_Webhooks"),
        new(CoreHistory + "_BounceRules", "20261130002409_BounceRulesInitial"),
        new(CoreHistory + "_Pools", "20261130014949_InitialPools"),
        new(CoreHistory + "_Pools", "20261206202533_WarmupHygieneBounces"),
        new(CoreHistory + "_TlsReporting", "20261130014950_InitialTlsReporting"),
        new(CoreHistory + "_TlsReporting", "20261130053433_TlsOutcomeSendingIp"),
        new(CoreHistory + "_Reports", "20261130015758_InitialReports"),
    ];

    /// <summary>The outcome: nothing to do, or how many of 0.1.0's migrations were still missing.</summary>
    public sealed record Result(bool Converted, int AppliedLegacyMigrations);

    /// <summary>Converts a 0.1.0 database; run before EF's migrator. Idempotent.</summary>
    public static async Task<Result> RunAsync(ApplianceDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var histories = await HistoryTablesAsync(connection, cancellationToken);
            var legacyIds = Migrations.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            var applied = new HashSet<(string Table, string Id)>();
            foreach (var table in histories)
            {
                foreach (var id in await ScalarsAsync(connection, $"SELECT \"MigrationId\" FROM \"{table}\"", cancellationToken))
                    applied.Add((table, id));
            }
            // Legacy = a module history table exists, or the core history holds a 0.1.0 id.
            var isLegacy = histories.Any(t => t != CoreHistory) || applied.Any(a => a.Table == CoreHistory && legacyIds.Contains(a.Id));
            if (!isLegacy) return new Result(false, 0);

            // Foreign keys off while the schema is completed, as EF's migrator does; checked again before commit.
            await ExecuteAsync(connection, null, "PRAGMA foreign_keys = 0;", cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var count = 0;
            foreach (var migration in Migrations)
            {
                if (applied.Contains((migration.HistoryTable, migration.Id))) continue;
                await ExecuteAsync(connection, transaction, ReadScript(migration), cancellationToken);
                count++;
            }
            await ExecuteAsync(connection, transaction,
                $"DELETE FROM \"{CoreHistory}\" WHERE \"MigrationId\" IN ({string.Join(", ", Migrations.Where(m => m.HistoryTable == CoreHistory).Select(m => $"'{m.Id}'"))});", cancellationToken);
            foreach (var table in Migrations.Select(m => m.HistoryTable).Where(t => t != CoreHistory).Distinct())
                await ExecuteAsync(connection, transaction, $"DROP TABLE IF EXISTS \"{table}\";", cancellationToken);
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO \"{CoreHistory}\" (\"MigrationId\", \"ProductVersion\") VALUES ('{BaselineMigrationId}', '10.0.15');", cancellationToken);
            var violations = await ScalarsAsync(connection, "PRAGMA foreign_key_check;", cancellationToken, transaction);
            if (violations.Count > 0) throw new InvalidOperationException("The 0.1.0 database has foreign key violations; it was left unchanged.");
            await transaction.CommitAsync(cancellationToken);
            await ExecuteAsync(connection, null, "PRAGMA foreign_keys = 1;", cancellationToken);
            return new Result(true, count);
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Applies the named 0.1.0 migrations, in their order, as that release did (tests make old databases with it).</summary>
    public static async Task ApplyLegacyAsync(DbConnection connection, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        foreach (var migration in Migrations.Where(m => wanted.Contains(m.Id)))
            await ExecuteAsync(connection, null, ReadScript(migration), cancellationToken);
    }

    private static string ReadScript(LegacyMigration migration)
    {
        using var stream = typeof(LegacySqliteUpgrade).Assembly.GetManifestResourceStream(migration.Resource)
            ?? throw new InvalidOperationException($"Missing embedded script {migration.Resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<List<string>> HistoryTablesAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (await ScalarsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_\\_EFMigrationsHistory%' ESCAPE '\\'", cancellationToken))
            .Where(n => n == CoreHistory || n.StartsWith(CoreHistory + "_", StringComparison.Ordinal))
            .ToList();

    private static async Task<List<string>> ScalarsAsync(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
