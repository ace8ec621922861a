namespace Appliance.Web.Data.Storage;

/// <summary>The database the host keeps its settings, tenants, modules' tables and audit log in.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded: {DataDir}/appliance.db, no server to run (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server named by <see cref="DatabaseOptions.ConnectionString"/>.</summary>
    PostgreSql,
}
