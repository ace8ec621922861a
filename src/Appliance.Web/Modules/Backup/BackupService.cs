using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Appliance.Mta.Configuration;
using Appliance.Mta.Queue.Spool;
using Appliance.Web.Extensions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Backup;

/// <summary>
/// A consistent snapshot of a running appliance, streamed as a tar.gz: the spool snapshot is taken first (every
/// message acknowledged before it is in the archive), then the database through SQLite's online backup (a
/// transactionally consistent copy even while the UI and API write), then the other files of the data folder.
/// A message delivered after the snapshot may be delivered again by a restored instance: a backup is a point in time.
/// </summary>
public sealed class BackupService(ISpool spool, IOptions<MtaOptions> options, Data.Storage.ApplianceDatabase database, TimeProvider time, ILogger<BackupService> logger)
{
    /// <summary>What an operator of a PostgreSQL appliance is told instead of a backup (docs/storage.md).</summary>
    public const string PostgreSqlRefusal =
        "The database is PostgreSQL (Appliance:Database:Provider): this backup copies the SQLite file only. Back the database up "
        + "with PostgreSQL's tools (pg_dump -Fc, restored with pg_restore; or pg_basebackup), and the data folder (spool, keys, "
        + "certificates) with a file copy of {DataDir} while the service is stopped.";

    /// <summary>Why no backup can be taken here, or null when it can.</summary>
    public string? RefusalReason => database.Provider == Data.Storage.DatabaseProvider.PostgreSql ? PostgreSqlRefusal : null;

    /// <param name="key">Encrypts the archive (<see cref="BackupCipherFormat"/>); null writes a plain tar.gz, which holds the
    /// Data Protection master key, the TLS private key and the VERP HMAC key in clear.</param>
    public async Task WriteAsync(Stream destination, bool includeEvents, BackupKey? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (RefusalReason is { } refusal) throw new BackupException(refusal);
        await using var encrypted = key is null ? null : await BackupEncryptingStream.CreateAsync(destination, key, cancellationToken);
        await WriteArchiveAsync(encrypted ?? destination, includeEvents, cancellationToken);
        if (encrypted is not null) await encrypted.FinishAsync(cancellationToken);
    }

    private async Task WriteArchiveAsync(Stream destination, bool includeEvents, CancellationToken cancellationToken)
    {
        var dataDir = Path.GetFullPath(options.Value.DataDir);
        using var snapshot = spool.Snapshot();
        var dbCopy = Path.Combine(Path.GetTempPath(), $"appliance-backup-{Guid.NewGuid():N}.db");
        try
        {
            CopyDatabase(ApplianceServiceCollectionExtensions.DatabasePath(options.Value), dbCopy);
            await using var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
            await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, typeof(BackupService).Assembly.GetName().Version?.ToString() ?? "0",
                time.GetUtcNow(), options.Value.Hostname, snapshot.Files.Count, includeEvents);
            await AddBytesAsync(tar, BackupLayout.Manifest, JsonSerializer.SerializeToUtf8Bytes(manifest), cancellationToken);
            await tar.WriteEntryAsync(dbCopy, BackupLayout.Database, cancellationToken);
            foreach (var file in snapshot.Files)
            {
                await AddSegmentAsync(tar, file, cancellationToken);
            }
            foreach (var path in Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(dataDir, path).Replace('\\', '/');
                if (BackupLayout.IsSpecial(relative, includeEvents)) continue;
                await AddFileAsync(tar, path, BackupLayout.DataPrefix + relative, cancellationToken);
            }
            BackupLog.Written(logger, snapshot.Files.Count, includeEvents);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(dbCopy);
        }
    }

    private static void CopyDatabase(string source, string destination)
    {
        using var from = new SqliteConnection($"Data Source={source};Mode=ReadOnly;Pooling=False");
        using var to = new SqliteConnection($"Data Source={destination};Pooling=False");
        from.Open();
        to.Open();
        from.BackupDatabase(to);
    }

    private static async Task AddSegmentAsync(TarWriter tar, SpoolSnapshotFile file, CancellationToken cancellationToken)
    {
        // The live segment may grow while it is copied: only the snapshot's bytes go in.
        await using var stream = new SnapshotSegmentStream(file);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, BackupLayout.SpoolPrefix + Path.GetFileName(file.Path)) { DataStream = stream };
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    private static async Task AddFileAsync(TarWriter tar, string path, string name, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = stream };
            await tar.WriteEntryAsync(entry, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            // Deleted between listing and opening (an event file rotated out, a temp file): not part of the state.
        }
    }

    private static async Task AddBytesAsync(TarWriter tar, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes);
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = stream }, cancellationToken);
    }
}
