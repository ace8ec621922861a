using Appliance.Mta.Admin;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue.Spool;

namespace Appliance.Mta.Queue;

/// <summary>Read-only lookups for the admin UI and API: one message, its headers, how many items a filter selects.</summary>
public sealed class QueueLookup
{
    /// <summary>At most this much of the content is read to find the headers.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    private readonly QueueStore _store;
    private readonly ISpool _spool;

    /// <summary>Lookups over the queue state and the spool (for stored headers).</summary>
    public QueueLookup(QueueStore store, ISpool spool)
    {
        _store = store;
        _spool = spool;
    }

    /// <summary>The queued message with this queue id (16 hex digits), or null when it is finished or unknown.</summary>
    public QueuedMessage? Find(string id) =>
        SpoolId.TryParse(id, out var spoolId) && _store.TryGet(spoolId, out var m) && !m.Removed ? m : null;

    /// <summary>
    /// The message's header section as stored (including the Received: line this MTA prepended), or null when the
    /// content is no longer readable (finished and compacted).
    /// </summary>
    public IReadOnlyList<HeaderField>? ReadHeaders(QueuedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            using var content = _spool.ReadContent(message.Location);
            return ParseHeaders(content.Memory.Span[..Math.Min(content.Memory.Length, MaxHeaderBytes)]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// RFC 5322 §2.2: header fields up to the first empty line, unfolded (§2.2.3), read by the one
    /// <see cref="HeaderFieldReader"/>; lines that are not fields are skipped.
    /// </summary>
    public static IReadOnlyList<HeaderField> ParseHeaders(ReadOnlySpan<byte> content)
    {
        var headers = new List<HeaderField>();
        var reader = new HeaderFieldReader(content);
        HeaderLine line;
        while ((line = reader.Read(out var field)) != HeaderLine.End)
        {
            if (line == HeaderLine.Field) headers.Add(new HeaderField(field.NameText().Trim(), field.Value()));
        }
        return headers;
    }

    /// <summary>
    /// How many queued items (one message's recipients at one destination domain) <paramref name="filter"/>
    /// selects now, without changing anything: the dry run of the admin operations.
    /// </summary>
    public int CountMatching(QueueFilter filter) =>
        _store.Select(filter, QueueItemState.Scheduled).Count + _store.Select(filter, QueueItemState.Ready).Count;
}
