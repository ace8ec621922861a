using System.Text;
using Appliance.Mta.Queue.Spool;
using Appliance.Web.Modules.Inspection;
using Microsoft.AspNetCore.DataProtection;

namespace Appliance.Web.Tests.Inspection;

/// <summary>The retained-content files: encrypted on disk, expired by deleting files, held to the tenant's budget.</summary>
public sealed class MessageContentStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("inspection-store-").FullName;
    private readonly MessageContentStore _store;

    public MessageContentStoreTests() => _store = new MessageContentStore(new EphemeralDataProtectionProvider(), _root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_file_on_disk_does_not_contain_the_plaintext_and_reads_back_whole()
    {
        var content = Encoding.ASCII.GetBytes("Subject: Quarterly figures\r\n\r\nThe secret number is 4815162342.\r\n");
        var id = IdAt(Now);

        _store.Write("acme", id, content);

        var path = _store.PathOf("acme", id);
        Assert.True(File.Exists(path));
        Assert.Equal(Path.Combine(_root, "acme", "2026-12-07", id + ".msg"), path);
        var onDisk = File.ReadAllBytes(path);
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("4815162342"u8));
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("Quarterly"u8));
        Assert.Equal(content, _store.Read("acme", id.ToString()));
    }

    [Fact]
    public void Another_key_ring_cannot_open_the_file()
    {
        var id = IdAt(Now);
        _store.Write("acme", id, "Subject: x\r\n\r\nbody\r\n"u8.ToArray());

        var other = new MessageContentStore(new EphemeralDataProtectionProvider(), _root);

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => other.Read("acme", id.ToString()));
    }

    [Fact]
    public void Expiry_removes_the_files_older_than_the_tenants_days_and_keeps_the_rest()
    {
        var old = IdAt(Now.AddDays(-8));          // a day folder wholly past 7 days
        var edge = IdAt(Now.AddDays(-7).AddHours(-1)); // same day folder as the limit, past it
        var young = IdAt(Now.AddDays(-7).AddHours(1)); // same day folder as the limit, within it
        var today = IdAt(Now.AddMinutes(-5));
        foreach (var id in new[] { old, edge, young, today }) _store.Write("acme", id, Encoding.ASCII.GetBytes("Subject: " + id + "\r\n\r\nx\r\n"));

        var deleted = _store.Expire(Now, Policies(("acme", new RetentionPolicy(true, 7, long.MaxValue))));

        Assert.Equal(2, deleted);
        Assert.False(File.Exists(_store.PathOf("acme", old)));
        Assert.False(Directory.Exists(Path.GetDirectoryName(_store.PathOf("acme", old))));
        Assert.False(File.Exists(_store.PathOf("acme", edge)));
        Assert.True(File.Exists(_store.PathOf("acme", young)));
        Assert.True(File.Exists(_store.PathOf("acme", today)));
        Assert.Null(_store.Read("acme", edge.ToString()));
    }

    [Fact]
    public void Expiry_removes_every_file_of_a_tenant_whose_retention_is_off_or_unset()
    {
        _store.Write("off", IdAt(Now), "Subject: a\r\n\r\nx\r\n"u8.ToArray());
        _store.Write("gone", IdAt(Now), "Subject: b\r\n\r\nx\r\n"u8.ToArray());
        _store.Write("on", IdAt(Now), "Subject: c\r\n\r\nx\r\n"u8.ToArray());

        _store.Expire(Now, Policies(("off", new RetentionPolicy(false, 7, long.MaxValue)), ("on", new RetentionPolicy(true, 7, long.MaxValue))));

        Assert.False(Directory.Exists(_store.TenantDirectory("off")));
        Assert.False(Directory.Exists(_store.TenantDirectory("gone")));
        Assert.Single(Directory.EnumerateFiles(_store.TenantDirectory("on"), "*.msg", SearchOption.AllDirectories));
    }

    [Fact]
    public void Over_the_budget_the_oldest_contents_are_dropped_first()
    {
        var ids = Enumerable.Range(0, 5).Select(i => IdAt(Now.AddDays(-2).AddHours(i * 10))).ToList(); // spans three day folders
        foreach (var id in ids) _store.Write("acme", id, new byte[10_000]);
        var each = new FileInfo(_store.PathOf("acme", ids[0])).Length;
        Assert.Equal(5 * each, _store.UsageOf("acme"));

        var dropped = _store.EnforceBudget("acme", (3 * each) + 10);

        Assert.Equal(2, dropped);
        Assert.False(File.Exists(_store.PathOf("acme", ids[0])));
        Assert.False(File.Exists(_store.PathOf("acme", ids[1])));
        Assert.All(ids.Skip(2), id => Assert.True(File.Exists(_store.PathOf("acme", id))));
        Assert.Equal(3 * each, _store.UsageOf("acme"));
        Assert.Equal(3 * each, Directory.EnumerateFiles(_store.TenantDirectory("acme"), "*.msg", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("not-a-queue-id")]
    [InlineData("")]
    public void A_message_id_that_is_not_a_queue_id_reads_nothing(string id) => Assert.Null(_store.Read("acme", id));

    [Fact]
    public void A_tenant_id_that_is_not_a_plain_slug_gets_an_encoded_folder_inside_the_root()
    {
        var dir = _store.TenantDirectory("../x");

        Assert.StartsWith(_root + Path.DirectorySeparatorChar, dir, StringComparison.Ordinal);
        Assert.DoesNotContain("..", Path.GetFileName(dir), StringComparison.Ordinal);
    }

    private static SpoolId IdAt(DateTimeOffset time) => new(time.ToUnixTimeMilliseconds() << 20);

    private static Dictionary<string, RetentionPolicy> Policies(params (string Tenant, RetentionPolicy Policy)[] entries) =>
        entries.ToDictionary(e => e.Tenant, e => e.Policy, StringComparer.Ordinal);
}
