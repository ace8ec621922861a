using Npgsql;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// The TLS-RPT outcome counts an appliance stored for a policy domain, read from its database as
/// "PolicyType/ResultType=Count" joined with ';': appliance.db through Debian's python3 sqlite3 (read-only), or the
/// instance's PostgreSQL database on PostgreSQL runs. "error ..." when the table cannot be read yet.
/// </summary>
public static class StoredTlsOutcomes
{
    private const string SqliteQuery = "import sqlite3,sys\ntry:\n  c=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True)\n  print(';'.join(r[2]+'/'+r[0]+'='+str(r[1]) for r in c.execute('select ResultType,Count,PolicyType from TlsOutcomeCounts where PolicyDomain=?',(sys.argv[2],))))\nexcept sqlite3.Error as e:\n  print('error',e)";

    /// <summary>The counts stored for <paramref name="policyDomain"/>.</summary>
    public static async Task<string> ReadAsync(ApplianceProcess appliance, string policyDomain)
    {
        if (appliance.PostgreSqlConnectionString is not { } connectionString)
        {
            var (_, output) = await ProcessRunner.RunAsync(ToolPaths.Python, ["-c", SqliteQuery, Path.Combine(appliance.DataDir, "appliance.db"), policyDomain], TimeSpan.FromSeconds(20));
            return output.Trim();
        }

        try
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""select "ResultType", "Count", "PolicyType" from "TlsOutcomeCounts" where "PolicyDomain" = @domain""", connection);
            command.Parameters.AddWithValue("domain", policyDomain);
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add($"{reader.GetString(2)}/{reader.GetString(0)}={reader.GetInt64(1)}");
            }

            return string.Join(';', rows);
        }
        catch (NpgsqlException e)
        {
            return "error " + e.Message;
        }
    }
}
