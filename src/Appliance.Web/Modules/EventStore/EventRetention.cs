using Appliance.Mta.Events;

namespace Appliance.Web.Modules.EventStore;

/// <summary>
/// Enforces the retention budget on {DataDir}/events: deletes hourly files (events-yyyyMMddHH.jsonl, with any
/// sidecar sharing the name) whose hour is older than the day limit, then the oldest ones while the folder exceeds the
/// byte budget. The newest file (the one being appended) is never deleted, so the writer never loses its file.
/// </summary>
public sealed class EventRetention(TimeProvider time)
{
    /// <summary>Applies the budget; returns the names of the deleted event files, oldest first.</summary>
    public IReadOnlyList<string> Enforce(string directory, int retentionDays, long retentionBytes)
    {
        if (!Directory.Exists(directory)) return [];
        var files = Directory.EnumerateFiles(directory, "events-*.jsonl")
            .Select(f => (Path: f, Hour: EventLog.HourOf(f)))
            .Where(f => f.Hour is not null)
            .OrderBy(f => f.Hour)
            .Select(f => new FileGroup(f.Path, f.Hour!.Value))
            .ToList();
        if (files.Count <= 1) return [];
        var newest = files[^1];
        var candidates = files.Take(files.Count - 1).ToList();
        var deleted = new List<string>();
        if (retentionDays > 0)
        {
            var cutoff = time.GetUtcNow().AddDays(-retentionDays);
            foreach (var old in candidates.Where(f => f.Hour.AddHours(1) <= cutoff).ToList())
            {
                Delete(old, deleted);
                candidates.Remove(old);
            }
        }
        if (retentionBytes > 0)
        {
            var total = candidates.Sum(f => f.Bytes) + newest.Bytes;
            foreach (var old in candidates)
            {
                if (total <= retentionBytes) break;
                total -= old.Bytes;
                Delete(old, deleted);
            }
        }
        return deleted;
    }

    private static void Delete(FileGroup group, List<string> deleted)
    {
        foreach (var file in group.Files)
        {
            try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        deleted.Add(Path.GetFileName(group.EventFile));
    }

    /// <summary>An hourly event file and its sidecars (same name, other extensions: the search index).</summary>
    private sealed class FileGroup
    {
        public FileGroup(string eventFile, DateTimeOffset hour)
        {
            EventFile = eventFile;
            Hour = hour;
            var stem = System.IO.Path.GetFileNameWithoutExtension(eventFile);
            Files = [eventFile, .. Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(eventFile)!, stem + ".*").Where(f => f != eventFile)];
            Bytes = Files.Sum(f => new FileInfo(f) is { Exists: true } i ? i.Length : 0);
        }

        public string EventFile { get; }
        public DateTimeOffset Hour { get; }
        public string[] Files { get; }
        public long Bytes { get; }
    }
}
