using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Infrastructure;

/// <summary>
/// Makes the database of a test host refuse writes to one table, with a trigger that raises an error (SQLite's
/// <c>RAISE(ABORT)</c>, PostgreSQL's <c>RAISE EXCEPTION</c>), so the real services and the real database show what a
/// failed write leaves behind. <see cref="AllowAsync"/> drops the trigger again.
/// </summary>
public static class RefusedWrites
{
    /// <summary>From now on every <paramref name="operation"/> (INSERT, UPDATE or DELETE) on <paramref name="table"/> fails.</summary>
    public static async Task RefuseAsync(ApplianceFactory app, string table, string operation = "INSERT")
    {
        _ = app.Services; // starts the host: the database exists and is migrated
        await using var db = app.CreateDbContext();
        var trigger = TriggerName(table, operation);
        if (TestDatabase.IsPostgreSql)
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE OR REPLACE FUNCTION refused_by_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;");
            var sql = $"CREATE TRIGGER {trigger} BEFORE {operation} ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION refused_by_test();";
            await db.Database.ExecuteSqlRawAsync(sql);
        }
        else
        {
            var sql = $"CREATE TRIGGER {trigger} BEFORE {operation} ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'refused by test'); END;";
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }

    /// <summary>Drops the trigger <see cref="RefuseAsync"/> created.</summary>
    public static async Task AllowAsync(ApplianceFactory app, string table, string operation = "INSERT")
    {
        await using var db = app.CreateDbContext();
        var trigger = TriggerName(table, operation);
        var sql = TestDatabase.IsPostgreSql ? $"DROP TRIGGER {trigger} ON \"{table}\";" : $"DROP TRIGGER {trigger};";
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static string TriggerName(string table, string operation) => $"refuse_{table}_{operation}".ToLowerInvariant();
}
