namespace Appliance.Web.Modules.Backup;

/// <summary>
/// Entry names inside a backup archive (tar, gzip-compressed):
/// <c>backup.json</c> (manifest), <c>appliance.db</c> (an online SQLite backup: every module's tables),
/// <c>spool/*.seg</c> (the spool snapshot) and <c>data/...</c> (every other file of the data folder: Data
/// Protection keys, certificates, module state), except the event log unless asked for.
/// </summary>
public static class BackupLayout
{
    public const string Manifest = "backup.json";
    public const string Database = "appliance.db";
    public const string SpoolPrefix = "spool/";
    public const string DataPrefix = "data/";
    public const string SpoolFolder = "spool";
    public const string EventsFolder = "events";

    /// <summary>Restore moves the data folder's previous contents into "{DataDir}/.before-restore-{time}".</summary>
    public const string PreviousStatePrefix = ".before-restore-";

    /// <summary>Data-folder entries never copied as plain files: the live database (copied through the backup API)
    /// and its WAL, the spool (snapshotted) and the events (optional).</summary>
    public static bool IsSpecial(string relativePath, bool includeEvents)
    {
        var first = relativePath.Split('/', 2)[0];
        if (first.StartsWith(Database, StringComparison.Ordinal)) return true; // appliance.db, -wal, -shm, -journal
        if (first == SpoolFolder) return true;
        if (first.StartsWith(PreviousStatePrefix, StringComparison.Ordinal)) return true;
        return first == EventsFolder && !includeEvents;
    }

    /// <summary>
    /// Rejects every name that could leave the folder it is unpacked into: empty, absolute, a backslash, a NUL, or
    /// an empty, "." or ".." component (so "data//etc/x", "data/./x" and "data/../x" are all refused; an empty
    /// component before an absolute remainder would otherwise make <see cref="Path.Combine(string, string)"/> return
    /// the absolute path).
    /// </summary>
    public static bool IsSafeEntryName(string name) =>
        !string.IsNullOrEmpty(name) && !name.Contains('\\') && !name.Contains('\0')
        && name.Split('/').All(part => part is not ("" or "." or ".."));

    /// <summary>
    /// The canonical path of <paramref name="relative"/> under <paramref name="root"/>, or null when it would lie
    /// anywhere else (the last line of defence after <see cref="IsSafeEntryName"/>).
    /// </summary>
    public static string? ContainedPath(string root, string relative)
    {
        if (!IsSafeEntryName(relative)) return null;
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        return full.StartsWith(fullRoot, StringComparison.Ordinal) && full.Length > fullRoot.Length ? full : null;
    }
}
