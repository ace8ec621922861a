using System.Data.Common;
using Npgsql;

namespace Appliance.Web.Data;

/// <summary>
/// Recognises "the settings database cannot be reached" (issue 19: the database unreachable → mail keeps flowing on
/// the last snapshot, admin writes answer 503 with a clear message, and it heals without a restart) among the
/// exceptions a save or a read throws: a connection-level failure, not a refused statement (a unique violation stays
/// what it is).
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>What the API (RFC 7807 detail) and the admin UI say.</summary>
    public const string Message = "The settings database is unreachable, so changes cannot be saved or read right now. "
        + "Mail keeps flowing on the last loaded settings; try again when the database is back (no restart is needed).";

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is a connection-level database failure.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // PostgreSQL answered: only the states that mean "cannot serve you now" (RFC-less, SQLSTATE classes:
                // 08 connection exception, 53 insufficient resources, 57 operator intervention, e.g. a terminated
                // backend or a database not accepting connections (55000 with ALLOW_CONNECTIONS false), 58 system error).
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("57", StringComparison.Ordinal) || pg.SqlState.StartsWith("58", StringComparison.Ordinal)
                        || pg.SqlState == "55000" || pg.SqlState == "3D000";
                // No answer at all (refused, reset, timed out).
                case NpgsqlException:
                    return true;
                case DbException db when db.IsTransient:
                    return true;
            }
        }
        return false;
    }
}
