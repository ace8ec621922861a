using System.Text;
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
    public IReadOnlyList<MessageHeader>? ReadHeaders(QueuedMessage message)
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
    /// RFC 5322 §2.2: header fields up to the first empty line; §2.2.3: folded lines (starting with WSP) are
    /// unfolded by removing the CRLF.
    /// </summary>
    public static IReadOnlyList<MessageHeader> ParseHeaders(ReadOnlySpan<byte> content)
    {
        var headers = new List<MessageHeader>();
        var text = Encoding.UTF8.GetString(content);
        string? name = null;
        var value = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) break;
            if (line[0] is ' ' or '\t')
            {
                if (name is not null) value.Append(line);
                continue;
            }
            if (name is not null) headers.Add(new MessageHeader(name, value.ToString().Trim()));
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                name = null;
                continue;
            }
            name = line[..colon].Trim();
            value.Clear().Append(line.AsSpan(colon + 1));
        }
        if (name is not null) headers.Add(new MessageHeader(name, value.ToString().Trim()));
        return headers;
    }

    /// <summary>
    /// How many queued items (one message's recipients at one destination domain) <paramref name="filter"/>
    /// selects now, without changing anything: the dry run of the admin operations.
    /// </summary>
    public int CountMatching(QueueFilter filter) =>
        _store.Select(filter, QueueItemState.Scheduled).Count + _store.Select(filter, QueueItemState.Ready).Count;
}
