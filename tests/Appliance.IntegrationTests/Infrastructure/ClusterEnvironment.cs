using System.Net;
using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// Three appliance nodes sharing one PostgreSQL database and one Redis (cluster mode, docs/cluster.md), with the test
/// zone (dnsmasq) and the MX sinks of <see cref="MailEnvironment"/>. Node A listens on 127.0.0.2, B on 127.0.0.3,
/// C on 127.0.0.4 (any 127.0.0.0/8 address is local on Linux), each with its own data folder and node name. The
/// database is a fresh one on the server of <c>APPLIANCE_TEST_POSTGRES</c>, dropped at the end; redis-server is a child
/// process without persistence. Node A starts first (it migrates the database and creates the key ring), then B and C.
/// </summary>
public class ClusterEnvironment : IAsyncLifetime
{
    /// <summary>The variable naming the PostgreSQL server (an Npgsql connection string without Database).</summary>
    public const string PostgresVariable = "APPLIANCE_TEST_POSTGRES";

    /// <summary>Peers besides Redis and PostgreSQL.</summary>
    public const Tool Requires = MailEnvironment.Requires | Tool.Swaks;

    /// <summary>The node addresses, A, B, C.</summary>
    public static readonly string[] NodeAddresses = ["127.0.0.2", "127.0.0.3", "127.0.0.4"];

    /// <summary>The node-to-node secret every node gets (<c>Appliance:Cluster:Secret</c>: the drain's SMTP hand-over).</summary>
    public const string Secret = "it-cluster-secret-0123456789abcdef";

    /// <summary>How long a node may take to answer /healthz: three nodes starting at once on a loaded 2-core machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Node names, A, B, C.</summary>
    public static readonly string[] NodeNames = ["node-a", "node-b", "node-c"];


    private readonly string _database = "appliance_cluster_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Creates the environment's scratch folder name.</summary>
    public ClusterEnvironment()
    {
        WorkDir = Path.Combine(Path.GetTempPath(), "appliance-it", $"{GetType().Name}-{Guid.NewGuid().ToString("N")[..8]}");
    }

    /// <summary>Why the cluster tests cannot run here (no PostgreSQL server named), or null.</summary>
    public static string? PostgresMissingReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable))
            ? $"{PostgresVariable} is not set (a PostgreSQL server for the shared database; .ci/run exports it)"
            : null;

    /// <summary>Scratch directory (logs, data folders, sink files).</summary>
    public string WorkDir { get; }

    /// <summary>The DNS server.</summary>
    public DnsmasqServer Dns { get; } = new();

    /// <summary>The shared Redis.</summary>
    public RedisServer Redis { get; } = new();

    /// <summary>The MX sinks.</summary>
    public AiosmtpdSink Sink { get; private set; } = null!;

    /// <summary>The three nodes: A, B, C.</summary>
    public IReadOnlyList<ApplianceProcess> Nodes { get; private set; } = [];

    /// <summary>Node A (127.0.0.2).</summary>
    public ApplianceProcess A => Nodes[0];

    /// <summary>Node B (127.0.0.3).</summary>
    public ApplianceProcess B => Nodes[1];

    /// <summary>Node C (127.0.0.4).</summary>
    public ApplianceProcess C => Nodes[2];

    /// <summary>The shared database's connection string.</summary>
    public string ConnectionString => $"{Environment.GetEnvironmentVariable(PostgresVariable)};Database={_database}";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (ToolPaths.MissingReason(Requires) is not null || RedisServer.MissingReason is not null || PostgresMissingReason is not null)
        {
            return;
        }

        Directory.CreateDirectory(WorkDir);
        await TestZone.Configure(Dns).StartAsync(Path.Combine(WorkDir, "dns"));
        var port = PortAllocator.Next([.. TestZone.SinkAddresses.Append(TestZone.MultiPrimaryDown).Select(IPAddress.Parse)]);
        Sink = await AiosmtpdSink.StartAsync(Path.Combine(WorkDir, "sink"), TestZone.SinkAddresses, port);
        await Redis.StartAsync(Path.Combine(WorkDir, "redis"));
        await StartPeersAsync();
        Nodes = [.. NodeAddresses.Select((address, i) => new ApplianceProcess(Settings(address, NodeNames[i], port, i), Path.Combine(WorkDir, NodeNames[i])))];
        await A.StartAsync(StartTimeout);
        await Task.WhenAll(B.StartAsync(StartTimeout), C.StartAsync(StartTimeout));
    }

    /// <summary>A derived environment starts its own peers here: after Redis, before the nodes.</summary>
    protected virtual Task StartPeersAsync() => Task.CompletedTask;

    /// <summary>A derived environment's extra command-line arguments for node <paramref name="index"/> (A = 0); they win.</summary>
    protected virtual IEnumerable<string> NodeArguments(int index) => [];

    /// <summary>The logs of every node and peer, for a failing assertion.</summary>
    public string Diagnostics()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"work dir: {WorkDir}");
        foreach (var (node, name) in Nodes.Zip(NodeNames))
        {
            sb.AppendLine($"--- {name} log (tail)").AppendLine(node.Tail(60));
        }

        sb.AppendLine("--- redis (tail)").AppendLine(Redis.Tail());
        sb.AppendLine("--- sink log (tail)").AppendLine(Sink?.Tail(20));
        return sb.ToString();
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        if (Sink is not null)
        {
            await Sink.DisposeAsync();
        }

        await Redis.DisposeAsync();
        await Dns.DisposeAsync();
        if (PostgresMissingReason is null && File.Exists("/usr/bin/psql"))
        {
            await DropDatabaseAsync();
        }

        if (Environment.GetEnvironmentVariable("APPLIANCE_IT_KEEP") != "1" && Directory.Exists(WorkDir))
        {
            try
            {
                Directory.Delete(WorkDir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private ApplianceSettings Settings(string address, string name, int deliveryPort, int index)
    {
        var ip = IPAddress.Parse(address);
        return new ApplianceSettings
        {
            Address = address,
            HttpPort = PortAllocator.Next(ip),
            RelayPort = PortAllocator.Next(ip),
            SubmissionPort = PortAllocator.Next(ip),
            SmtpsPort = PortAllocator.Next(ip),
            DnsServer = Dns.Endpoint,
            DeliveryPort = deliveryPort,
            ExtraArguments =
            [
                "--Appliance:Database:Provider=postgresql",
                $"--Appliance:Database:ConnectionString={ConnectionString}",
                $"--Appliance:Cluster:Redis={Redis.Endpoint}",
                $"--Appliance:Cluster:NodeName={name}",
                $"--Appliance:Cluster:Secret={Secret}",
                .. NodeArguments(index),
            ],
        };
    }

    /// <summary>DROP DATABASE with Debian's psql (the test project does not reference Npgsql).</summary>
    private async Task DropDatabaseAsync()
    {
        var parts = Environment.GetEnvironmentVariable(PostgresVariable)!
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(), p => p[1]);
        var conninfo = $"host={parts.GetValueOrDefault("host", "127.0.0.1")} port={parts.GetValueOrDefault("port", "5432")} "
            + $"user={parts.GetValueOrDefault("username", parts.GetValueOrDefault("userid", "postgres"))} "
            + $"password={parts.GetValueOrDefault("password", "")} dbname=postgres";
        await ProcessRunner.RunAsync("/usr/bin/psql", [conninfo, "-c", $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)"], TimeSpan.FromSeconds(30));
    }
}
