using System.Buffers;
using System.Formats.Tar;
using System.IO.Compression;
using Appliance.Mta.Configuration;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue.Spool;
using Appliance.Web.Data.Storage;
using Appliance.Web.Modules.Backup;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Backup;

public sealed class BackupRoundTripTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "appliance-backup-" + Guid.NewGuid().ToString("N")[..8]);
    private string Source => Path.Combine(_root, "source");
    private string Target => Path.Combine(_root, "target");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Backup_of_a_live_data_folder_restores_database_spool_and_keys_but_not_events_by_default()
    {
        Directory.CreateDirectory(Path.Combine(Source, "keys"));
        Directory.CreateDirectory(Path.Combine(Source, "events"));
        await File.WriteAllTextAsync(Path.Combine(Source, "keys", "key-1.xml"), "<key/>");
        await File.WriteAllTextAsync(Path.Combine(Source, "events", "2026-11-29T22.jsonl"), "{}\n");
        await CreateDatabaseAsync(Path.Combine(Source, "appliance.db"), "kept");

        byte[] archive;
        await using (var spool = new SegmentSpool(Path.Combine(Source, "spool"), NullLogger<SegmentSpool>.Instance))
        {
            await spool.RecoverAsync(default);
            await spool.StoreAsync(new SpoolId(7), Envelope(), new ReadOnlySequence<byte>("Subject: queued\r\n\r\nbody\r\n"u8.ToArray()), default);
            var service = new BackupService(spool, Options.Create(new MtaOptions { DataDir = Source, Hostname = "mx.example" }),
                new ApplianceDatabase(DatabaseProvider.Sqlite, "Data Source=" + Path.Combine(Source, "appliance.db")), TimeProvider.System, NullLogger<BackupService>.Instance);
            using var buffer = new MemoryStream();
            await service.WriteAsync(buffer, includeEvents: false, Passphrase, default);
            archive = buffer.ToArray();
        }
        var file = Path.Combine(_root, "backup.tar.gz");
        await File.WriteAllBytesAsync(file, archive);

        Assert.True(BackupDecryptingStream.IsEncrypted(archive), "the archive is encrypted");
        var manifest = await new BackupRestorer(TimeProvider.System).RestoreAsync(file, Target, Passphrase);

        Assert.Equal("mx.example", manifest.Hostname);
        Assert.Equal("<key/>", await File.ReadAllTextAsync(Path.Combine(Target, "keys", "key-1.xml")));
        Assert.False(Directory.Exists(Path.Combine(Target, "events")), "events are left out unless asked for");
        Assert.Equal("kept", await ReadValueAsync(Path.Combine(Target, "appliance.db")));
        await using var restored = new SegmentSpool(Path.Combine(Target, "spool"), NullLogger<SegmentSpool>.Instance);
        var message = Assert.Single(await restored.RecoverAsync(default));
        Assert.Equal(7, message.Id.Value);
        using var content = restored.ReadContent(message.Location);
        Assert.Equal("Subject: queued\r\n\r\nbody\r\n"u8.ToArray(), content.Memory.ToArray());
    }

    [Fact]
    public async Task On_PostgreSQL_the_backup_refuses_and_names_the_PostgreSQL_tools()
    {
        Directory.CreateDirectory(Source);
        await using var spool = new SegmentSpool(Path.Combine(Source, "spool"), NullLogger<SegmentSpool>.Instance);
        await spool.RecoverAsync(default);
        var service = new BackupService(spool, Options.Create(new MtaOptions { DataDir = Source }),
            new ApplianceDatabase(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=unused"), TimeProvider.System, NullLogger<BackupService>.Instance);
        using var buffer = new MemoryStream();

        var refused = await Assert.ThrowsAsync<BackupException>(() => service.WriteAsync(buffer, includeEvents: false, Passphrase, default));

        Assert.Contains("pg_dump", refused.Message, StringComparison.Ordinal);
        Assert.Contains("pg_restore", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public async Task Restore_keeps_the_previous_contents_aside()
    {
        var file = await WriteArchiveAsync(("backup.json", ManifestJson()), ("appliance.db", "db"), ("data/cert.pem", "new"));
        Directory.CreateDirectory(Target);
        await File.WriteAllTextAsync(Path.Combine(Target, "cert.pem"), "old");

        await new BackupRestorer(TimeProvider.System).RestoreAsync(file, Target);

        Assert.Equal("new", await File.ReadAllTextAsync(Path.Combine(Target, "cert.pem")));
        var previous = Assert.Single(Directory.GetDirectories(Target, BackupLayout.PreviousStatePrefix + "*"));
        Assert.Equal("old", await File.ReadAllTextAsync(Path.Combine(previous, "cert.pem")));
    }

    [Theory]
    [InlineData("data/../../escape.txt")]
    [InlineData("/etc/passwd")]
    public async Task Restore_refuses_entries_outside_the_data_folder_and_changes_nothing(string name)
    {
        var file = await WriteArchiveAsync(("backup.json", ManifestJson()), ("appliance.db", "db"), (name, "x"));
        Directory.CreateDirectory(Target);
        await File.WriteAllTextAsync(Path.Combine(Target, "cert.pem"), "old");

        var e = await Assert.ThrowsAsync<BackupException>(() => new BackupRestorer(TimeProvider.System).RestoreAsync(file, Target));

        Assert.Contains("unsafe", e.Message, StringComparison.Ordinal);
        Assert.Equal("old", await File.ReadAllTextAsync(Path.Combine(Target, "cert.pem")));
        Assert.Empty(Directory.GetDirectories(Target));
    }

    [Theory]
    [InlineData("empty-component-then-absolute")] // "data/" + "/abs/path": Path.Combine would return the absolute path
    [InlineData("spool-empty-component-then-absolute")]
    [InlineData("dot-component")]
    [InlineData("dot-dot-components")]
    [InlineData("backslashes")]
    [InlineData("absolute")]
    public async Task Restore_refuses_crafted_names_that_would_write_outside_and_writes_nothing(string craft)
    {
        Directory.CreateDirectory(_root);
        var outside = Path.Combine(_root, "outside-" + Guid.NewGuid().ToString("N")[..6] + ".txt");
        var leaf = Path.GetFileName(outside);
        var name = craft switch
        {
            "empty-component-then-absolute" => "data/" + outside,
            "spool-empty-component-then-absolute" => "spool/" + outside,
            "dot-component" => "data/./../../" + leaf,
            "dot-dot-components" => "data/keys/../../../" + leaf,
            "backslashes" => "data\\..\\..\\" + leaf,
            _ => outside,
        };
        var file = await WriteEntriesAsync(Regular("backup.json", ManifestJson()), Regular("appliance.db", "db"), Regular(name, "pwned"));
        Directory.CreateDirectory(Target);

        var e = await Assert.ThrowsAsync<BackupException>(() => new BackupRestorer(TimeProvider.System).RestoreAsync(file, Target));

        Assert.Contains("unsafe entry name", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(outside), $"{outside} was written");
        Assert.Empty(Directory.GetFileSystemEntries(Target));
    }

    public static TheoryData<TarEntryType> LinkAndDeviceTypes => new() { TarEntryType.SymbolicLink, TarEntryType.HardLink, TarEntryType.CharacterDevice, TarEntryType.BlockDevice, TarEntryType.Fifo };

    [Theory]
    [MemberData(nameof(LinkAndDeviceTypes))]
    public async Task Restore_refuses_links_and_devices(TarEntryType type)
    {
        var special = new PaxTarEntry(type, "data/keys/key-1.xml");
        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink) special.LinkName = "/etc/passwd";
        var file = await WriteEntriesAsync(Regular("backup.json", ManifestJson()), Regular("appliance.db", "db"), special, Regular("data/cert.pem", "x"));
        Directory.CreateDirectory(Target);

        var e = await Assert.ThrowsAsync<BackupException>(() => new BackupRestorer(TimeProvider.System).RestoreAsync(file, Target));

        Assert.Contains($"{type} entries are not restored", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Target));
    }

    [Theory]
    [InlineData("data//etc/passwd", false)]
    [InlineData("data/../x", false)]
    [InlineData("data/./x", false)]
    [InlineData("data/a\\b", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("data/keys/", false)]
    [InlineData("", false)]
    [InlineData("data/keys/key-1.xml", true)]
    [InlineData("spool/00000001.seg", true)]
    public void Entry_names_are_checked_component_by_component(string name, bool safe) => Assert.Equal(safe, BackupLayout.IsSafeEntryName(name));

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_a_backup()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "notes.txt");
        await File.WriteAllTextAsync(file, "not a backup");
        var e = await Assert.ThrowsAsync<BackupException>(() => new BackupRestorer(TimeProvider.System).RestoreAsync(file, Target));
        Assert.Contains("not a readable appliance backup", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_refuses_while_a_spool_holds_the_data_folder()
    {
        var file = await WriteArchiveAsync(("backup.json", ManifestJson()), ("appliance.db", "db"));
        await using var spool = new SegmentSpool(Path.Combine(Target, "spool"), NullLogger<SegmentSpool>.Instance);
        await spool.RecoverAsync(default);

        var e = await Assert.ThrowsAsync<BackupException>(() => new BackupRestorer(TimeProvider.System).RestoreAsync(file, Target));

        Assert.Contains("running", e.Message, StringComparison.Ordinal);
    }

    internal static readonly BackupKey Passphrase = BackupKey.FromPassphrase("correct horse battery staple");

    private static MessageEnvelope Envelope() => new()
    {
        MailFrom = "a@example.org",
        Recipients = [new EnvelopeRecipient("b@example.net", default, null)],
        TenantId = "default",
        ReceivedAt = DateTimeOffset.UnixEpoch,
        ClientAddress = "127.0.0.1",
    };

    private static string ManifestJson() =>
        System.Text.Json.JsonSerializer.Serialize(new BackupManifest(BackupManifest.CurrentFormat, "1", DateTimeOffset.UnixEpoch, "mx.example", 0, false));

    private async Task<string> WriteArchiveAsync(params (string Name, string Content)[] entries)
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".tar.gz");
        await using var file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in entries)
        {
            using var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content));
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data });
        }
        return path;
    }

    private static PaxTarEntry Regular(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };

    private async Task<string> WriteEntriesAsync(params TarEntry[] entries)
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".tar.gz");
        await using var file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var entry in entries) await tar.WriteEntryAsync(entry);
        return path;
    }

    private static async Task CreateDatabaseAsync(string path, string value)
    {
        await using var db = new SqliteConnection($"Data Source={path};Pooling=False");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (v TEXT); INSERT INTO t VALUES ($v);";
        cmd.Parameters.AddWithValue("$v", value);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ReadValueAsync(string path)
    {
        await using var db = new SqliteConnection($"Data Source={path};Pooling=False");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT v FROM t";
        return (string?)await cmd.ExecuteScalarAsync();
    }
}
