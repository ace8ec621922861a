using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Appliance.Web.Api;

/// <summary>Recognises constraint failures that a concurrent request may cause after our own pre-checks (SQLite and PostgreSQL).</summary>
public static class SqliteErrors
{
    // SQLite result codes: SQLITE_CONSTRAINT = 19; extended UNIQUE = 2067, PRIMARYKEY = 1555. PostgreSQL: SQLSTATE 23505 unique_violation.
    public static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }
            or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
