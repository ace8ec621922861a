using Appliance.Mta.Inbound;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Suppression;
using Appliance.Tests;
using Appliance.Web.Cluster.Keys;
using Appliance.Web.Cluster.Settings;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// Issue 19: in cluster mode the feedback key (VERP return paths, X-Appliance-Id trace headers, unsubscribe tokens) is
/// one key in the shared database, so two hosts on one database (SQLite, or PostgreSQL with APPLIANCE_TEST_DB_PROVIDER)
/// verify each other's signatures without a copied key file. Node B had a key file of its own before it joined: it
/// signs with the shared key and still verifies what it signed with its old one. Redis points at a closed port (the
/// key needs none).
/// </summary>
public sealed class SharedFeedbackKeyTests : IDisposable
{
    private static readonly byte[] FormerKeyOfB = Enumerable.Range(200, 32).Select(i => (byte)i).ToArray();

    private readonly ApplianceFactory _a;
    private readonly ApplianceFactory _b;
    private readonly string _dataDirB = Directory.CreateTempSubdirectory("appliance-web-tests-b-").FullName;

    public SharedFeedbackKeyTests()
    {
        _a = Node(null, "node-a", []);
        // Node B joins with the key file it used as a single node.
        var file = FeedbackKey.FilePath(_dataDirB);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, FormerKeyOfB);
        _b = Node(_dataDirB, "node-b", new Dictionary<string, string?>
        {
            ["Appliance:Database:ConnectionString"] = TestDatabase.IsPostgreSql
                ? TestDatabase.ConnectionString(_a.DataDir)
                : "Data Source=" + Path.Combine(_a.DataDir, "appliance.db"),
        });
        _ = _a.Services; // A starts first and creates the shared key (B finds it).
        _ = _b.Services;
    }

    [Fact]
    public void A_trace_header_a_verp_address_and_an_unsubscribe_token_signed_on_one_node_verify_on_the_other()
    {
        var trace = Service<TraceHeaderCodec>(_a).Encode("tenant-a", DateTimeOffset.UnixEpoch.AddDays(20000));
        Assert.Equal("tenant-a", Service<TraceHeaderCodec>(_b).TryDecode(trace)?.TenantId);

        var token = new VerpToken(new SpoolId(0x0102030405060708), 3);
        var verp = Service<VerpCodec>(_b).Encode(token, "rp.example.com");
        Assert.Equal(token, Service<VerpCodec>(_a).TryDecode(verp));

        var unsubscribe = new UnsubscribeToken("tenant-a", "reader@example.com");
        Assert.Equal(unsubscribe, Service<UnsubscribeTokenCodec>(_b).TryDecode(Service<UnsubscribeTokenCodec>(_a).Encode(unsubscribe)));
        Assert.Equal(Service<FeedbackKey>(_a).Key, Service<FeedbackKey>(_b).Key);
        // The shared key is not a node's file: node A, which had none, did not write one.
        Assert.False(File.Exists(FeedbackKey.FilePath(_a.DataDir)));
    }

    [Fact]
    public void A_node_that_joined_with_its_own_key_file_still_verifies_its_old_signatures()
    {
        var old = new TraceHeaderCodec(new FeedbackKey(FormerKeyOfB)).Encode("tenant-b", DateTimeOffset.UnixEpoch.AddDays(20000));
        var oldVerp = new VerpCodec(new FeedbackKey(FormerKeyOfB), "b").Encode(new VerpToken(new SpoolId(77), 1), "rp.example.com");

        Assert.Equal("tenant-b", Service<TraceHeaderCodec>(_b).TryDecode(old)?.TenantId);
        Assert.Equal(new VerpToken(new SpoolId(77), 1), Service<VerpCodec>(_b).TryDecode(oldVerp));
        // B signs with the shared key, not its old one.
        Assert.NotEqual(FormerKeyOfB, Service<FeedbackKey>(_b).Key);
        // The former key is B's alone: A never had it.
        Assert.Null(Service<TraceHeaderCodec>(_a).TryDecode(old));
    }

    [Fact]
    public async Task Nodes_loading_the_key_at_once_on_an_empty_database_agree_on_one_key()
    {
        await using (var db = _a.CreateDbContext())
            await db.Settings.Where(s => s.Key == SharedFeedbackKeySource.StorageKey).ExecuteDeleteAsync();
        var sources = new[] { _a, _b, _a, _b }.Select(n => n.Services.GetRequiredService<IFeedbackKeySource>()).ToList();
        using var start = new Barrier(sources.Count);
        var keys = await Task.WhenAll(sources.Select(s => Task.Run(() =>
        {
            start.SignalAndWait();
            return s.Load().Key;
        })));

        Assert.All(keys, k => Assert.Equal(keys[0], k));
        await using var check = _a.CreateDbContext();
        Assert.Equal(1, await check.Settings.CountAsync(s => s.Key == SharedFeedbackKeySource.StorageKey));
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
        try { Directory.Delete(_dataDirB, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static T Service<T>(ApplianceFactory node) where T : notnull => node.Services.GetRequiredService<T>();

    private static ApplianceFactory Node(string? dataDir, string name, Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Appliance:Cluster:Redis"] = "127.0.0.1:1,connectTimeout=200",
            ["Appliance:Cluster:NodeName"] = name,
            ["Appliance:Cluster:Secret"] = "cluster-secret-0123456789abcdef",
        };
        foreach (var (k, v) in extra) settings[k] = v;
        return new NodeFactory(dataDir, settings)
        {
            ConfigureServicesForTest = services =>
            {
                services.RemoveAll<IClusterNotices>();
                services.AddSingleton<IClusterNotices, InProcessClusterNotices>();
            },
        };
    }

    private sealed class NodeFactory(string? dataDir, Dictionary<string, string?> settings) : ApplianceFactory(dataDir, settings);
}
