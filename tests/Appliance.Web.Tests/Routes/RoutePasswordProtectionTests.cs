using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Dns;
using Appliance.Mta.Smtp.Client;
using Appliance.Web.Data;
using Appliance.Web.Data.Legacy;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Routes;

/// <summary>Smart-host passwords: Data Protection ciphertext at rest, write-only in the API, masked in text forms.</summary>
public sealed class RoutePasswordProtectionTests
{
    private const string Secret = "hunter2-smart-host";

    [SqliteOnlyFact("reads the SQLite file directly")]
    public async Task Upgrade_encrypts_a_plaintext_row_left_by_an_earlier_release()
    {
        var dataDir = Directory.CreateTempSubdirectory("appliance-routepw-").FullName;
        var path = Path.Combine(dataDir, "appliance.db");
        try
        {
            // The schema of the release before ProtectRoutePasswords, with one route whose password is plaintext.
            await using (var old = new SqliteConnection($"Data Source={path}"))
            {
                await old.OpenAsync();
                await LegacySqliteUpgrade.ApplyLegacyAsync(old,
                    ["20261129201851_InitialCreate", "20261129205700_UiSettingsAndAudit", "20261130013841_TenantMessageLimits", "20261130025519_ApiKeyStream"], default);
                await using var insert = old.CreateCommand();
                insert.CommandText = "INSERT INTO Routes (Domain, Host, Port, Username, Password, TlsMode) VALUES ('relay.example', 'smart.test', 587, 'u1', $p, 'Required')";
                insert.Parameters.AddWithValue("$p", Secret);
                await insert.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();

            using var app = ApplianceFactory.WithSettings([], dataDir);
            _ = app.Services;
            var (plain, cipher) = await RawPasswordAsync(path, "relay.example");
            Assert.Null(plain);
            Assert.NotNull(cipher);
            Assert.DoesNotContain(Secret, cipher, StringComparison.Ordinal);

            // The engine gets the clear password; the API only says that there is one.
            var route = app.Services.GetRequiredService<IRouteTable>().Find("relay.example");
            Assert.Equal(new Route("relay.example", "smart.test", 587, "u1", Secret, TlsMode.Required), route);
            var body = await app.CreateAdminClient().GetStringAsync("/api/v1/routes");
            Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
            Assert.Contains("\"hasPassword\":true", body, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    [SqliteOnlyFact("reads the SQLite file directly")]
    public async Task Api_stores_ciphertext_and_an_update_without_password_keeps_it()
    {
        using var app = new ApplianceFactory();
        var client = app.CreateAdminClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/routes",
            new { domain = "kept.example", host = "smart.test", port = 587, username = "u1", password = Secret, tls = "required" })).StatusCode);
        var (plain, cipher) = await RawPasswordAsync(Path.Combine(app.DataDir, "appliance.db"), "kept.example");
        Assert.Null(plain);
        Assert.DoesNotContain(Secret, cipher!, StringComparison.Ordinal);

        // Same username, no password: the stored one stays (the form never receives it back).
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/routes",
            new { domain = "kept.example", host = "smart2.test", port = 2525, username = "u1", tls = "required" })).StatusCode);
        var table = app.Services.GetRequiredService<IRouteTable>();
        Assert.Equal(Secret, table.Find("kept.example")!.Password);
        Assert.Equal("smart2.test", table.Find("kept.example")!.Host);

        // Another username needs its password.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/routes",
            new { domain = "kept.example", host = "smart2.test", port = 2525, username = "u2", tls = "required" })).StatusCode);

        // No username: AUTH removed.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/routes",
            new { domain = "kept.example", host = "smart2.test", port = 2525, tls = "required" })).StatusCode);
        Assert.Null(table.Find("kept.example")!.Password);
        Assert.Equal((null, null), await RawPasswordAsync(Path.Combine(app.DataDir, "appliance.db"), "kept.example"));
    }

    [Fact]
    public void Route_text_form_masks_the_password_but_equality_keeps_it()
    {
        var route = new Route("x.example", "smart.test", 587, "u1", Secret);
        Assert.DoesNotContain(Secret, route.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password = ***", route.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(route, route with { Password = "other" });
        var connect = new Appliance.Mta.Smtp.Client.ConnectRequest(new IPEndPoint(IPAddress.Loopback, 25), "smart.test", null, "mta.test",
            TlsMode.Required, "u1", Secret, Appliance.Mta.Smtp.Client.ClientTimeouts.Default);
        Assert.DoesNotContain(Secret, connect.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(string? Plain, string? Cipher)> RawPasswordAsync(string path, string domain)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Password, ProtectedPassword FROM Routes WHERE Domain = $d";
        command.Parameters.AddWithValue("$d", domain);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
