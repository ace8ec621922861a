using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Api;

/// <summary>Recognises constraint failures that a concurrent request may cause after our own pre-checks.</summary>
public static class SqliteErrors
{
    // SQLite result codes: SQLITE_CONSTRAINT = 19; extended UNIQUE = 2067, PRIMARYKEY = 1555.
    public static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
}
