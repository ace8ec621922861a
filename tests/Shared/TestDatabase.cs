using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Appliance.Tests;

/// <summary>
/// Which database the test hosts use. By default SQLite in each host's data folder, as in production.
/// With <c>APPLIANCE_TEST_DB_PROVIDER=postgresql</c> every host gets its own PostgreSQL database on the server named by
/// <c>APPLIANCE_TEST_POSTGRES</c> (an Npgsql connection string without Database; .ci/run starts one on loopback),
/// named after the host's data folder so a restarted host over the same folder finds its data again, and dropped when
/// the host that created the folder is disposed.
/// </summary>
/// <remarks>
/// One file, compiled into every project whose test hosts choose a database (Web.Tests' in-process factories,
/// IntegrationTests' child processes, E2ETests' factory and published host): linked from their project files.
/// </remarks>
public static class TestDatabase
{
    public const string ProviderVariable = "APPLIANCE_TEST_DB_PROVIDER";
    public const string ServerVariable = "APPLIANCE_TEST_POSTGRES";

    public static bool IsPostgreSql =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "postgresql", StringComparison.OrdinalIgnoreCase);

    public static string Server =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } s ? s : "Host=127.0.0.1;Port=55432;Username=appliance;Password=appliance";

    /// <summary>The skip reason of a test of something only SQLite has, on PostgreSQL runs; null on SQLite runs.</summary>
    public static string? SqliteOnly(string reason) => IsPostgreSql ? "SQLite only: " + reason : null;

    /// <summary>The host settings that select the database for <paramref name="dataDir"/> (none for SQLite).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string dataDir)
    {
        if (!IsPostgreSql) yield break;
        yield return new("Appliance:Database:Provider", "postgresql");
        yield return new("Appliance:Database:ConnectionString", ConnectionString(dataDir));
    }

    /// <summary>The same settings as command-line switches (<c>--Key=Value</c>) for a host started as a child process.</summary>
    public static IEnumerable<string> Arguments(string dataDir) => Settings(dataDir).Select(s => $"--{s.Key}={s.Value}");

    /// <summary>The connection string of <paramref name="dataDir"/>'s database (PostgreSQL runs).</summary>
    public static string ConnectionString(string dataDir) => $"{Server};Database={DatabaseName(dataDir)}";

    public static string DatabaseName(string dataDir) =>
        "appliance_t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir))))[..20];

    /// <summary>Drops the database of <paramref name="dataDir"/> (PostgreSQL only; SQLite's file goes with the folder).</summary>
    public static void Drop(string dataDir)
    {
        if (!IsPostgreSql) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var connection = new NpgsqlConnection($"{Server};Database=postgres;Pooling=false");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{DatabaseName(dataDir)}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server is torn down with the CI run; a database left behind costs nothing there.
        }
    }
}
