using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Issues 19/20 on three nodes sharing PostgreSQL and Redis: a tenant's quotas hold for the cluster as a whole. With
/// 10 messages an hour and submissions going to A, B, C in turn, exactly 10 are accepted cluster-wide and the next gets
/// <c>452 4.7.0</c> on whichever node; every node's quota API shows the cluster's count; a month quota reached gives
/// <c>550 5.7.0</c> on every node.
/// </summary>
public sealed class SharedQuotasTests(ClusterEnvironment env, ITestOutputHelper output) : IClassFixture<ClusterEnvironment>
{
    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task Ten_an_hour_hold_for_the_cluster_and_the_month_quota_refuses_on_every_node()
    {
        var t = TestMessages.Token();
        var tenant = await env.B.Api.CreateTenantAsync($"quota-{t}");
        await SetQuotasAsync(tenant, new { hourlyMessageLimit = 10 });
        var (user, password) = ($"user-{t}", $"Pw-{t}-secret!");
        await env.B.Api.CreateSmtpCredentialAsync(tenant, user, password);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the settings reach A and C within 2 s

        var results = new List<(int Node, SwaksResult Result)>();
        for (var i = 0; i < 12; i++)
        {
            var node = i % 3;
            results.Add((node, await SendAsync(env.Nodes[node], user, password, $"q{i}-{t}@{TestZone.Single}", t)));
        }

        var accepted = results.Count(r => r.Result.ExitCode == 0);
        Assert.True(accepted == 10, $"{accepted} accepted cluster-wide, expected exactly 10\n{string.Join("\n", results.Select(r => $"node {r.Node}: {r.Result.ExitCode}"))}\n{env.Diagnostics()}");
        Assert.All(results.Take(10), r => Assert.True(r.Result.ExitCode == 0, r.Result.Output));
        foreach (var (node, result) in results.Skip(10))
        {
            Assert.Contains("452 4.7.0", result.Output, StringComparison.Ordinal);
            Assert.Contains("hourly quota of 10", result.Output, StringComparison.Ordinal);
            output.WriteLine($"refused on node {node}");
        }
        Assert.NotEqual(results[10].Node, results[11].Node); // refused on two different nodes

        foreach (var node in env.Nodes)
        {
            var quotas = await node.Api.Http.GetFromJsonAsync<JsonElement>($"api/v1/tenants/{tenant}/quotas");
            Assert.Equal(10, quotas.GetProperty("usedLastHour").GetInt32());
            Assert.Equal(10, quotas.GetProperty("usedThisMonth").GetInt32());
        }

        // The month: 10 of 10 used → a permanent refusal on every node.
        await SetQuotasAsync(tenant, new { hourlyMessageLimit = 100, monthlyMessageLimit = 10 });
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var node in env.Nodes)
        {
            var refused = await SendAsync(node, user, password, $"month-{TestMessages.Token()}@{TestZone.Single}", t);
            Assert.Contains("550 5.7.0", refused.Output, StringComparison.Ordinal);
        }
    }

    private async Task SetQuotasAsync(string tenant, object quotas)
    {
        using var response = await env.A.Api.Http.PutAsJsonAsync($"api/v1/tenants/{tenant}/quotas", quotas);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<SwaksResult> SendAsync(ApplianceProcess node, string user, string password, string to, string token)
    {
        var from = $"app-{token}@{TestZone.SenderDomain}";
        var message = TestMessages.Build(from, to, "quota", withIdAndDate: true);
        var file = Path.Combine(env.WorkDir, $"msg-{TestMessages.Token()}.eml");
        await File.WriteAllBytesAsync(file, Encoding.Latin1.GetBytes(message[..^2]));
        var result = await Swaks.RunAsync("--server", $"{node.Settings.Address}:{node.Settings.SubmissionPort}", "--tls", "--auth", "PLAIN",
            "--auth-user", user, "--auth-password", password, "--ehlo", "client.example", "--from", from, "--to", to, "--data", "@" + file);
        output.WriteLine(result.Output);
        return result;
    }
}
