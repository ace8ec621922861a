using System.Runtime.CompilerServices;

namespace Appliance.Mta.Events.Index;

/// <summary>
/// Search over the hourly event files, newest file first, skipping files whose hour is outside the query's time
/// range. When the query names a key (message id, address, domain, tenant) and a file has a sidecar index
/// (<see cref="EventIndexFile"/>), only the indexed lines are read, plus the lines appended after the index; other
/// files are scanned line by line with a cheap text pre-filter. Every candidate is checked with
/// <see cref="EventQuery.Matches"/>, so the index only decides what is read, never what matches.
/// </summary>
public static class EventSearch
{
    /// <summary>File name pattern of the hourly event files (events-yyyyMMddHH.jsonl).</summary>
    public const string Pattern = "events-*.jsonl";

    /// <summary>
    /// The newest <see cref="EventQuery.Limit"/> matching events, newest first: within a file by timestamp, and events
    /// with equal timestamps last written first, whether the file is read through its index or scanned.
    /// </summary>
    public static async IAsyncEnumerable<MtaEvent> StreamAsync(string directory, EventQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (query.Limit <= 0 || !Directory.Exists(directory)) yield break;
        var key = EventIndexKeys.Best(query);
        var remaining = query.Limit;
        foreach (var file in Directory.EnumerateFiles(directory, Pattern).OrderDescending())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (EventLog.HourOf(file) is { } hour && !query.Overlaps(hour)) continue;
            List<MtaEvent> found;
            try
            {
                found = key is { } k && EventIndexFile.Lookup(file, k) is { } hit
                    ? ReadIndexed(file, hit.Offsets, hit.Covered, query, remaining)
                    : await ScanAsync(file, 0, query, remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (FileNotFoundException)
            {
                continue; // deleted by retention meanwhile
            }
            foreach (var e in found.OrderByDescending(e => e.Timestamp))
            {
                yield return e;
                if (--remaining == 0) yield break;
            }
        }
    }

    /// <summary>Builds the missing or stale indexes of every file but the newest (still being appended).</summary>
    public static int BuildMissingIndexes(string directory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(directory)) return 0;
        var files = Directory.EnumerateFiles(directory, Pattern).Order().ToList();
        var built = 0;
        foreach (var file in files.Take(Math.Max(0, files.Count - 1)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var index = new FileInfo(EventIndexFile.PathFor(file));
            if (index.Exists && index.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(file)) continue;
            try
            {
                EventIndexFile.Build(file);
                built++;
            }
            catch (FileNotFoundException)
            {
                // deleted by retention meanwhile
            }
        }
        return built;
    }

    private static List<MtaEvent> ReadIndexed(string file, List<long> offsets, long covered, EventQuery query, int needed)
    {
        var found = new List<MtaEvent>();
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        // Lines past the index: appended later, scanned (newer than every indexed line).
        if (length > covered)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            found.AddRange(Newest(EventLines.Read(stream, covered, length).Select(l => l.Line), query, needed).Reverse());
        }
        // Offsets ascend in write order: walk back from the newest.
        for (var i = offsets.Count - 1; i >= 0 && found.Count < needed; i--)
        {
            if (EventLines.ReadAt(handle, offsets[i]) is { } line && EventLines.Parse(line) is { } e && query.Matches(e)) found.Add(e);
        }
        return found;
    }

    private static async Task<List<MtaEvent>> ScanAsync(string file, long start, EventQuery query, int needed, CancellationToken cancellationToken)
    {
        // Lines are in write order within a file: keep the newest ones still needed, answered newest (last written) first.
        var newest = new Queue<MtaEvent>();
        using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16));
        reader.BaseStream.Position = start;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!query.MayMatch(line) || EventLines.Parse(line) is not { } e || !query.Matches(e)) continue;
            newest.Enqueue(e);
            if (newest.Count > needed) newest.Dequeue();
        }
        return [.. newest.Reverse()];
    }

    private static IEnumerable<MtaEvent> Newest(IEnumerable<string> lines, EventQuery query, int needed)
    {
        var newest = new Queue<MtaEvent>();
        foreach (var line in lines)
        {
            if (!query.MayMatch(line) || EventLines.Parse(line) is not { } e || !query.Matches(e)) continue;
            newest.Enqueue(e);
            if (newest.Count > needed) newest.Dequeue();
        }
        return newest;
    }
}
