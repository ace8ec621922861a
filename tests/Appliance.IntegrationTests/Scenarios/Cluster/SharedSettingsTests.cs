using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Issue 19, acceptance item 3, on three nodes sharing PostgreSQL and Redis: a tenant, SMTP credential and domain
/// (with its DKIM key) created through node B are in force on nodes A and C within 2 seconds (submission with the
/// credential is accepted and the message is signed with that key); a suppression added on node A is refused at RCPT
/// on node C within 2 seconds. And the node registry lists the three nodes and drops a killed one after its expiry.
/// </summary>
public sealed class SharedSettingsTests(ClusterEnvironment env, ITestOutputHelper output) : IClassFixture<ClusterEnvironment>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task Tenant_credential_and_domain_created_on_B_are_in_force_on_A_and_C_within_2s()
    {
        var t = TestMessages.Token();
        var domain = $"c{t}.test";
        var user = $"user-{t}";
        var password = $"Pw-{t}-secret!";

        var tenant = await env.B.Api.CreateTenantAsync($"tenant-{t}");
        using var created = await env.B.Api.Http.PostAsJsonAsync($"api/v1/tenants/{tenant}/domains", new { name = domain });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var active = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").EnumerateArray().Single();
        await env.B.Api.CreateSmtpCredentialAsync(tenant, user, password);
        var changed = Stopwatch.StartNew();

        // Test-side only: the public key in the test zone, for the verifier.
        env.Dns.Txt(active.GetProperty("recordName").GetString()!, active.GetProperty("txtRecord").GetString()!);
        await env.Dns.RestartAsync();
        var wait = Within - changed.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        foreach (var node in new[] { env.A, env.C })
        {
            var to = $"rcpt-{TestMessages.Token()}@{TestZone.Single}";
            var result = await SubmitAsync(node, user, password, $"news@{domain}", to);
            output.WriteLine(result.Output);
            Assert.True(result.ExitCode == 0, $"submission with the credential made on B refused on {node.Settings.Address} {changed.Elapsed} after the change:\n{result.Output}\n{env.Diagnostics()}");
            var delivered = await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.SingleMx, to).Count > 0, TimeSpan.FromSeconds(30));
            Assert.True(delivered, $"not delivered: {to}\n{env.Diagnostics()}");
            var selector = await DkimVerify.SelectorAsync(env.Sink.MessagesFor(TestZone.SingleMx, to)[0].Data, env.Dns, env.WorkDir);
            Assert.Equal(active.GetProperty("selector").GetString(), selector);
        }
    }

    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task Suppression_added_on_A_is_refused_at_RCPT_on_C_within_2s()
    {
        var address = $"gone-{TestMessages.Token()}@{TestZone.Single}";
        Assert.Equal(250, (await RcptAsync(env.C, address)).Code); // accepted before

        using var added = await env.A.Api.Http.PostAsJsonAsync("api/v1/suppressions", new { address, reason = "manual" });
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        var changed = Stopwatch.StartNew();

        SmtpWireReply last = default!;
        var refused = await Eventually.TryAsync(async () => (last = await RcptAsync(env.C, address)).Code == 550, Within, TimeSpan.FromMilliseconds(100));
        output.WriteLine($"refused on C after {changed.Elapsed}: {last}");
        Assert.True(refused, $"RCPT on C still {last} {changed.Elapsed} after the suppression was added on A\n{env.Diagnostics()}");
        Assert.Contains("5.7.1", last.ToString(), StringComparison.Ordinal);
    }

    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task Registry_lists_the_three_nodes_and_drops_a_killed_one_after_expiry()
    {
        var names = await NodeNamesAsync(env.A);
        Assert.Equal(ClusterEnvironment.NodeNames, names);

        env.C.KillHard();
        try
        {
            // Heartbeat expiry 5 s (Appliance:Cluster:HeartbeatExpiry) plus a heartbeat interval.
            IReadOnlyList<string> seen = names;
            var dropped = await Eventually.TryAsync(async () => (seen = await NodeNamesAsync(env.B)).Count == 2, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(250));
            Assert.True(dropped, $"node-c still listed: {string.Join(", ", seen)}");
            Assert.Equal(["node-a", "node-b"], seen);
        }
        finally
        {
            await env.C.StartAsync();
        }

        var back = await Eventually.TryAsync(async () => (await NodeNamesAsync(env.A)).Count == 3, TimeSpan.FromSeconds(10));
        Assert.True(back, "node-c did not come back after its restart");
    }

    private static async Task<IReadOnlyList<string>> NodeNamesAsync(ApplianceProcess node)
    {
        var nodes = await node.Api.Http.GetFromJsonAsync<JsonElement>("api/v1/cluster/nodes");
        return [.. nodes.EnumerateArray().Select(n => n.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];
    }

    private static async Task<SmtpWireReply> RcptAsync(ApplianceProcess node, string recipient)
    {
        await using var c = await RawSmtpClient.ConnectAsync(IPAddress.Parse(node.Settings.Address), node.Settings.RelayPort, null);
        await c.ReadReplyAsync();
        await c.CommandAsync("EHLO client.example");
        await c.CommandAsync($"MAIL FROM:<sender@{TestZone.SenderDomain}>");
        var rcpt = await c.CommandAsync($"RCPT TO:<{recipient}>");
        await c.CommandAsync("QUIT");
        return rcpt;
    }

    private async Task<SwaksResult> SubmitAsync(ApplianceProcess node, string user, string password, string from, string to)
    {
        var message = TestMessages.Build(from, to, "cluster", withIdAndDate: true);
        var file = Path.Combine(env.WorkDir, $"msg-{TestMessages.Token()}.eml");
        await File.WriteAllBytesAsync(file, Encoding.Latin1.GetBytes(message[..^2]));
        return await Swaks.RunAsync("--server", $"{node.Settings.Address}:{node.Settings.SubmissionPort}", "--tls", "--auth", "PLAIN",
            "--auth-user", user, "--auth-password", password, "--ehlo", "client.example", "--from", from, "--to", to, "--data", "@" + file);
    }
}
