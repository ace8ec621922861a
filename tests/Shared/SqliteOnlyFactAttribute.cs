namespace Appliance.Tests;

/// <summary>A test of something only SQLite has (the file, its pragmas, 0.1.0's files): skipped, with the reason, on PostgreSQL runs.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute(string reason)
    {
        if (TestDatabase.SqliteOnly(reason) is { } skip) Skip = skip;
    }
}
