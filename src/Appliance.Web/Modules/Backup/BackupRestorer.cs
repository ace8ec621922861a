using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Appliance.Web.Modules.Backup;

/// <summary>
/// Restores a backup archive into a data folder, offline (the service must be stopped). The folder's previous
/// contents are kept in "{DataDir}/.before-restore-{time}" rather than deleted. The archive is unpacked into a
/// staging folder first and checked, so a truncated, altered or foreign file changes nothing. Every entry must land
/// under the staging folder (<see cref="BackupLayout.ContainedPath"/>); links and devices are refused.
/// </summary>
public sealed class BackupRestorer(TimeProvider time)
{
    /// <param name="key">The passphrase or key of an encrypted archive; null restores only an unencrypted archive
    /// (the caller asked for that explicitly: `appliance restore --unencrypted`).</param>
    public async Task<BackupManifest> RestoreAsync(string archive, string dataDir, BackupKey? key = null, CancellationToken cancellationToken = default)
    {
        dataDir = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(dataDir);
        if (SpoolInUse(dataDir)) throw new BackupException($"the appliance is running on {dataDir}: stop it first (systemctl stop appliance)");

        var stamp = time.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var staging = Path.Combine(dataDir, ".restore-staging-" + stamp);
        Directory.CreateDirectory(staging);
        try
        {
            var manifest = await ExtractAsync(archive, staging, key, cancellationToken);
            var previous = Path.Combine(dataDir, BackupLayout.PreviousStatePrefix + stamp);
            Directory.CreateDirectory(previous);
            foreach (var entry in Directory.EnumerateFileSystemEntries(dataDir))
            {
                var name = Path.GetFileName(entry);
                if (entry == staging || name.StartsWith(BackupLayout.PreviousStatePrefix, StringComparison.Ordinal)) continue;
                Move(entry, Path.Combine(previous, name));
            }
            foreach (var entry in Directory.EnumerateFileSystemEntries(staging)) Move(entry, Path.Combine(dataDir, Path.GetFileName(entry)));
            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static async Task<BackupManifest> ExtractAsync(string archive, string staging, BackupKey? key, CancellationToken cancellationToken)
    {
        BackupManifest? manifest = null;
        var hasDatabase = false;
        try
        {
            await using var file = File.OpenRead(archive);
            var start = new byte[8];
            var encrypted = BackupDecryptingStream.IsEncrypted(start.AsSpan(0, await file.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken)));
            file.Position = 0;
            if (encrypted && key is null)
                throw new BackupException($"{archive} is encrypted: give its passphrase (--passphrase-file or APPLIANCE_BACKUP_PASSPHRASE) or key (--key-file)");
            if (!encrypted && key is not null)
                throw new BackupException($"{archive} is not an encrypted backup; if you trust it, restore it with --unencrypted");
            await using var plain = key is null ? (Stream)file : BackupDecryptingStream.Open(file, key);
            await using var gzip = new GZipStream(plain, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (!BackupLayout.IsSafeEntryName(entry.Name)) throw new BackupException($"unsafe entry name '{entry.Name}'");
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.Directory) continue;
                // Links, devices and FIFOs are never written by a backup; one could point or write anywhere.
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    throw new BackupException($"unsafe entry '{entry.Name}': {entry.EntryType} entries are not restored");
                if (entry.DataStream is null) continue;
                if (entry.Name == BackupLayout.Manifest)
                {
                    manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(entry.DataStream, cancellationToken: cancellationToken);
                    if (manifest is null || manifest.Format != BackupManifest.CurrentFormat)
                        throw new BackupException($"unsupported backup format {manifest?.Format}");
                    continue;
                }
                var target = TargetPath(staging, entry.Name) ?? throw new BackupException($"unexpected entry '{entry.Name}'");
                hasDatabase |= entry.Name == BackupLayout.Database;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
                await entry.DataStream.CopyToAsync(output, cancellationToken);
                await output.FlushAsync(cancellationToken);
                output.Flush(flushToDisk: true);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or JsonException or FormatException)
        {
            throw new BackupException($"{archive} is not a readable appliance backup: {e.Message}");
        }
        if (manifest is null || !hasDatabase) throw new BackupException($"{archive} is not an appliance backup (no manifest or database)");
        return manifest;
    }

    /// <summary>Where an entry goes under the staging folder; null for a name outside the layout. Every path is
    /// canonicalised and must lie under <paramref name="root"/> (<see cref="BackupLayout.ContainedPath"/>).</summary>
    private static string? TargetPath(string root, string name)
    {
        string? relative = null;
        if (name == BackupLayout.Database) relative = BackupLayout.Database;
        else if (name.StartsWith(BackupLayout.SpoolPrefix, StringComparison.Ordinal)) relative = BackupLayout.SpoolFolder + "/" + name[BackupLayout.SpoolPrefix.Length..];
        else if (name.StartsWith(BackupLayout.DataPrefix, StringComparison.Ordinal)) relative = name[BackupLayout.DataPrefix.Length..];
        if (relative is null) return null;
        return BackupLayout.ContainedPath(root, relative) ?? throw new BackupException($"unsafe entry name '{name}'");
    }

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from)) Directory.Move(from, to);
        else File.Move(from, to);
    }

    /// <summary>
    /// The running spool holds its segment files open with a shared lock (.NET maps FileShare to flock on Linux),
    /// so an exclusive open fails while the service runs.
    /// </summary>
    internal static bool SpoolInUse(string dataDir)
    {
        var spool = Path.Combine(dataDir, BackupLayout.SpoolFolder);
        if (!Directory.Exists(spool)) return false;
        foreach (var segment in Directory.EnumerateFiles(spool, "*.seg"))
        {
            try
            {
                using var probe = new FileStream(segment, FileMode.Open, FileAccess.Read, FileShare.None);
            }
            catch (IOException)
            {
                return true;
            }
        }
        return false;
    }
}
