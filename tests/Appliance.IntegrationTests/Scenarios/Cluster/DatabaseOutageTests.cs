using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Issue 19, failure behaviour: the shared PostgreSQL database becomes unreachable (ALLOW_CONNECTIONS false and every
/// backend terminated). Mail relayed meanwhile is accepted and delivered on the last snapshot; an admin write answers
/// 503 problem+json with a clear message; the registry still lists the nodes; when the database is back a write
/// succeeds without any restart.
/// </summary>
public sealed class DatabaseOutageTests(ClusterEnvironment env, ITestOutputHelper output) : IClassFixture<ClusterEnvironment>
{
    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task Database_unreachable_mail_flows_admin_writes_answer_503_and_it_heals_without_restart()
    {
        var t = TestMessages.Token();
        using (var before = await env.A.Api.Http.PostAsJsonAsync("api/v1/tenants", new { name = $"before-{t}" }))
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);

        await SetDatabaseReachableAsync(false);
        try
        {
            // Mail keeps flowing on every node.
            foreach (var node in env.Nodes)
            {
                var to = $"outage-{t}-{node.Settings.Address}@{TestZone.Single}";
                var reply = await RelayAsync(node, to);
                Assert.True(reply.Code == 250, $"{node.Settings.Address} refused mail during the outage: {reply}\n{env.Diagnostics()}");
                var delivered = await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.SingleMx, to).Count == 1, TimeSpan.FromSeconds(30));
                Assert.True(delivered, $"not delivered during the outage: {to}\n{env.Diagnostics()}");
            }

            // An admin write answers 503 with a clear RFC 7807 problem.
            using var refused = await env.B.Api.Http.PostAsJsonAsync("api/v1/tenants", new { name = $"during-{t}" });
            var body = await refused.Content.ReadAsStringAsync();
            output.WriteLine($"{(int)refused.StatusCode} {body}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal("Database Unavailable", problem.RootElement.GetProperty("title").GetString());
            Assert.Contains("database is unreachable", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

            // API keys are checked in the database, so reads answer the same 503 (not a 500).
            using var read = await env.C.Api.Http.GetAsync("api/v1/cluster/nodes");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        }
        finally
        {
            await SetDatabaseReachableAsync(true);
        }

        // Back: a write succeeds on the same processes, and it is in force on the others.
        HttpStatusCode last = 0;
        var healed = await Eventually.TryAsync(async () =>
        {
            using var r = await env.B.Api.Http.PostAsJsonAsync("api/v1/tenants", new { name = $"after-{t}" });
            last = r.StatusCode;
            return r.StatusCode == HttpStatusCode.Created;
        }, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        Assert.True(healed, $"writes still fail after the database came back: {last}\n{env.Diagnostics()}");
        Assert.All(env.Nodes, n => Assert.True(n.IsRunning));
        // The heartbeats (Redis) ran through the outage: every node is listed with a fresh heartbeat.
        var nodes = await env.C.Api.Http.GetFromJsonAsync<JsonElement>("api/v1/cluster/nodes");
        Assert.Equal(3, nodes.GetArrayLength());
        Assert.All(nodes.EnumerateArray(), n => Assert.True(DateTimeOffset.UtcNow - n.GetProperty("heartbeatAt").GetDateTimeOffset() < TimeSpan.FromSeconds(10)));
        var to2 = $"after-{t}@{TestZone.Single}";
        Assert.Equal(250, (await RelayAsync(env.C, to2)).Code);
        Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.SingleMx, to2).Count == 1, TimeSpan.FromSeconds(30)));
    }

    private async Task SetDatabaseReachableAsync(bool reachable)
    {
        var builder = new NpgsqlConnectionStringBuilder(env.ConnectionString);
        var database = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var db = new NpgsqlConnection(builder.ConnectionString);
        await db.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {(reachable ? "true" : "false")}", db))
            await alter.ExecuteNonQueryAsync();
        if (reachable) return;
        await using var kill = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @d AND pid <> pg_backend_pid()", db);
        kill.Parameters.AddWithValue("d", database);
        output.WriteLine($"terminated {await kill.ExecuteScalarAsync()} backends of {database}");
    }

    private static async Task<SmtpWireReply> RelayAsync(ApplianceProcess node, string to)
    {
        await using var c = await RawSmtpClient.ConnectAsync(IPAddress.Parse(node.Settings.Address), node.Settings.RelayPort, null);
        await c.ReadReplyAsync();
        await c.CommandAsync("EHLO client.example");
        await c.CommandAsync($"MAIL FROM:<sender@{TestZone.SenderDomain}>");
        await c.CommandAsync($"RCPT TO:<{to}>");
        await c.CommandAsync("DATA");
        await c.SendAsync(RawSmtpClient.DataPayload($"From: <sender@{TestZone.SenderDomain}>\r\nTo: <{to}>\r\nSubject: outage\r\nMessage-ID: <{Guid.NewGuid():N}@load.example>\r\n\r\nbody\r\n"));
        var reply = await c.ReadReplyAsync();
        await c.CommandAsync("QUIT");
        return reply;
    }
}
