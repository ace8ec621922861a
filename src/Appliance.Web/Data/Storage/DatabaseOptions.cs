namespace Appliance.Web.Data.Storage;

/// <summary>
/// Appliance:Database: which provider holds the host's database. <see cref="DatabaseProvider.Sqlite"/> (the default)
/// needs nothing else; <see cref="DatabaseProvider.PostgreSql"/> needs <see cref="ConnectionString"/>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Appliance:Database";

    /// <summary>"sqlite" (default) or "postgresql" (case-insensitive).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Npgsql connection string for PostgreSQL (e.g. "Host=127.0.0.1;Port=5432;Database=appliance;Username=appliance;Password=...").
    /// For SQLite it is optional and defaults to {DataDir}/appliance.db.
    /// </summary>
    public string? ConnectionString { get; set; }
}
