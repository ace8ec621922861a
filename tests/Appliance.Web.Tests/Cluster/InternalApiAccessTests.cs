using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Appliance.Web.Api;
using Appliance.Web.Cluster;
using Appliance.Web.Cluster.Internal;
using Appliance.Web.Cluster.Nodes;
using Appliance.Web.Cluster.Panel;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// The internal API on one real host in cluster mode (SQLite, or PostgreSQL with APPLIANCE_TEST_DB_PROVIDER; Redis on
/// a closed port): only a request signed with the cluster secret gets in; the admin API key, a tenant key, no
/// credential, another secret and a replay get 401; with cluster mode off the internal API is 404. The fan-out marks
/// a node that does not answer without waiting for it longer than the timeout; metrics carry the node label.
/// </summary>
public sealed class InternalApiAccessTests : IDisposable
{
    private const string Secret = "cluster-secret-0123456789abcdef";
    private const string NodeName = "node-under-test";

    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private readonly ApplianceFactory _factory;

    public InternalApiAccessTests()
    {
        _silent.Start(); // accepts connections, never answers: a hung node
        var silentUrl = $"http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}";
        _factory = new ClusterFactory
        {
            ConfigureServicesForTest = services =>
            {
                services.RemoveAll<INodeRegistry>();
                services.AddSingleton<INodeRegistry>(sp => new FixedRegistry(sp.GetRequiredService<LocalNode>(), silentUrl));
            },
        };
    }

    [Fact]
    public async Task A_request_signed_with_the_cluster_secret_reads_the_nodes_queues()
    {
        using var client = SignedClient(Secret);

        using var response = await client.GetAsync("/api/v1/internal/queues");

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var report = await response.Content.ReadFromJsonAsync<NodeQueueReport>(NodeJson.Options);
        Assert.NotNull(report);
        Assert.Equal(0, report.Counters.Messages);
    }

    [Fact]
    public async Task The_admin_key_a_tenant_key_and_no_credential_are_refused()
    {
        using var admin = _factory.CreateAdminClient();
        using var created = await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "internal-probe" });
        var tenant = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();
        using var keyResponse = await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/api-keys", new { name = "t", role = "admin" });
        Assert.True(keyResponse.IsSuccessStatusCode, $"{(int)keyResponse.StatusCode} {await keyResponse.Content.ReadAsStringAsync()}");
        var tenantKey = (await keyResponse.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("key").GetString();
        using var tenantClient = _factory.CreateClient();
        tenantClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenantKey);
        using var anonymous = _factory.CreateClient();

        foreach (var (who, client) in new[] { ("admin key", admin), ("tenant key", tenantClient), ("nobody", anonymous) })
        {
            using var read = await client.GetAsync("/api/v1/internal/queues");
            using var write = await client.PostAsJsonAsync("/api/v1/internal/queues/delete", new { request = new { tenant }, actor = "x" });
            Assert.True(read.StatusCode == HttpStatusCode.Unauthorized, $"{who}: GET {(int)read.StatusCode}");
            Assert.True(write.StatusCode == HttpStatusCode.Unauthorized, $"{who}: POST {(int)write.StatusCode}");
            Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Another_secret_is_refused()
    {
        using var client = SignedClient("not-the-cluster-secret-0123456789");

        using var response = await client.GetAsync("/api/v1/internal/events?limit=5");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_replayed_signed_request_is_refused()
    {
        var capture = new CapturingHandler();
        using var client = SignedClient(Secret, capture);
        using var first = await client.GetAsync("/api/v1/internal/queues");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/v1/internal/queues");
        foreach (var (name, values) in capture.Last!.Headers) replay.Headers.TryAddWithoutValidation(name, values);
        using var plain = _factory.CreateClient();
        using var again = await plain.SendAsync(replay);

        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Contains("already used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_is_marked_and_does_not_hold_up_the_others()
    {
        using var scope = _factory.Services.CreateScope();
        var panel = scope.ServiceProvider.GetRequiredService<ClusterPanelService>();
        var timeout = _factory.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.FanOutTimeout;

        var clock = Stopwatch.StartNew();
        var answers = await panel.QueuesAsync(null);
        clock.Stop();

        Assert.Equal([FixedRegistry.NoUrl, FixedRegistry.Silent, NodeName], answers.Select(a => a.Node));
        Assert.True(answers.Single(a => a.Node == NodeName).Answered);
        Assert.Contains("no answer within", answers.Single(a => a.Node == FixedRegistry.Silent).Error, StringComparison.Ordinal);
        Assert.Contains("no internal URL", answers.Single(a => a.Node == FixedRegistry.NoUrl).Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < timeout + TimeSpan.FromSeconds(5), $"the fan-out took {clock.Elapsed}");
    }

    [Fact]
    public async Task Tenant_keys_get_403_on_the_cluster_endpoints()
    {
        using var admin = _factory.CreateAdminClient();
        using var created = await admin.PostAsJsonAsync("/api/v1/tenants", new { name = "cluster-probe" });
        var tenant = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();
        using var keyResponse = await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/api-keys", new { name = "t", role = "admin" });
        using var tenantClient = _factory.CreateClient();
        tenantClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await keyResponse.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("key").GetString());

        foreach (var path in new[] { "/api/v1/cluster/nodes", "/api/v1/cluster/queues", "/api/v1/cluster/events" })
        {
            using var response = await tenantClient.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }
        using var events = await tenantClient.GetAsync("/api/v1/events?limit=5");
        Assert.True(events.StatusCode == HttpStatusCode.OK, $"{(int)events.StatusCode} {await events.Content.ReadAsStringAsync()}");
        Assert.DoesNotContain("node", await events.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Metrics_carry_the_node_label_in_cluster_mode()
    {
        using var factory = new ClusterFactory(new() { ["Appliance:Metrics:Token"] = "scrape-token-0123456789" });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "scrape-token-0123456789");

        var text = await client.GetStringAsync("/metrics");

        Assert.Contains($"appliance_mta_disk_free_bytes{{node=\"{NodeName}\"}}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_cluster_mode_off_the_internal_api_is_not_there_and_metrics_have_no_node_label()
    {
        using var single = ApplianceFactory.WithSettings(new() { ["Appliance:Metrics:Token"] = "scrape-token-0123456789" });
        var handler = new NodeSigningHandler(Options.Create(new ClusterOptions { Redis = "x:1", Secret = Secret, NodeName = "intruder" }), TimeProvider.System);
        using var client = single.CreateDefaultClient(handler);
        using var scrape = single.CreateClient();
        scrape.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "scrape-token-0123456789");

        using var response = await client.GetAsync("/api/v1/internal/queues");
        var metrics = await scrape.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("appliance_mta_disk_free_bytes ", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("node=\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_mode_without_a_secret_does_not_start()
    {
        using var factory = ApplianceFactory.WithSettings(new() { ["Appliance:Cluster:Redis"] = "127.0.0.1:1,connectTimeout=200" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Appliance:Cluster:Secret", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _silent.Stop();
        _silent.Dispose();
    }

    private HttpClient SignedClient(string secret, DelegatingHandler? inner = null)
    {
        var signer = new NodeSigningHandler(Options.Create(new ClusterOptions { Redis = "x:1", Secret = secret, NodeName = "node-peer" }), TimeProvider.System);
        return inner is null ? _factory.CreateDefaultClient(signer) : _factory.CreateDefaultClient(signer, inner);
    }

    /// <summary>Keeps the last request as sent (after signing).</summary>
    private sealed class CapturingHandler : DelegatingHandler
    {
        public HttpRequestMessage? Last { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Last = request;
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>This node, a hung node and a node without an internal URL.</summary>
    private sealed class FixedRegistry(LocalNode local, string silentUrl) : INodeRegistry
    {
        public const string Silent = "node-silent";
        public const string NoUrl = "node-a-no-url";

        public Task<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken = default)
        {
            var me = local.Current();
            return Task.FromResult<IReadOnlyList<NodeInfo>>(
            [
                me,
                me with { Name = Silent, InternalUrl = silentUrl },
                me with { Name = NoUrl, InternalUrl = null },
            ]);
        }
    }

    private sealed class ClusterFactory(Dictionary<string, string?>? extra = null) : ApplianceFactory(null, Settings(extra))
    {
        private static Dictionary<string, string?> Settings(Dictionary<string, string?>? extra)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Appliance:Cluster:Redis"] = "127.0.0.1:1,connectTimeout=200",
                ["Appliance:Cluster:NodeName"] = NodeName,
                ["Appliance:Cluster:Secret"] = Secret,
                ["Appliance:Cluster:FanOutTimeout"] = "00:00:02",
            };
            foreach (var (k, v) in extra ?? []) settings[k] = v;
            return settings;
        }
    }
}
