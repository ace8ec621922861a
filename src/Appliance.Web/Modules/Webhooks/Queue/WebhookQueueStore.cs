using System.Text;
using Microsoft.Data.Sqlite;

namespace Appliance.Web.Modules.Webhooks.Queue;

/// <summary>
/// The durable webhook queue: one SQLite file ({DataDir}/webhooks/queue.db, WAL, synchronous=FULL) with one row
/// per (endpoint, event), kept apart from appliance.db so the event volume never contends with settings writes.
/// <see cref="Append"/> writes everything the dispatcher drained in one transaction: one fsync per batch (group
/// commit); deletes (delivered, dropped) are committed without their own fsync. Delivered or dropped rows are deleted; SQLite reuses their pages, so the file stays within the caps.
/// One connection, serialised by a lock: every operation is a short indexed statement.
/// </summary>
public sealed class WebhookQueueStore : IDisposable
{
    private readonly Lock _sync = new();
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, WebhookBacklog> _backlog = new(StringComparer.Ordinal);
    private long _totalEvents;

    public WebhookQueueStore(string directory)
    {
        Directory.CreateDirectory(directory);
        Path = System.IO.Path.Combine(directory, "queue.db");
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("CREATE TABLE IF NOT EXISTS queue (seq INTEGER PRIMARY KEY AUTOINCREMENT, endpoint TEXT NOT NULL, bytes INTEGER NOT NULL, payload TEXT NOT NULL);");
        Execute("CREATE INDEX IF NOT EXISTS ix_queue_endpoint ON queue (endpoint, seq);");
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT endpoint, count(*), sum(bytes) FROM queue GROUP BY endpoint;";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            _backlog[reader.GetString(0)] = new WebhookBacklog(reader.GetInt64(1), reader.GetInt64(2));
            _totalEvents += reader.GetInt64(1);
        }
    }

    public string Path { get; }

    /// <summary>Events queued for every endpoint.</summary>
    public long TotalEvents => Interlocked.Read(ref _totalEvents);

    public WebhookBacklog BacklogOf(string endpointId)
    {
        lock (_sync) return _backlog.GetValueOrDefault(endpointId);
    }

    /// <summary>Appends the rows in one transaction (one commit, one fsync); returns once they are durable.</summary>
    public void Append(IReadOnlyList<(string EndpointId, string Payload)> rows)
    {
        if (rows.Count == 0) return;
        lock (_sync)
        {
            Execute("PRAGMA synchronous=FULL;");
            using var tx = _connection.BeginTransaction();
            using var cmd = _connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO queue (endpoint, bytes, payload) VALUES ($e, $b, $p);";
            var e = cmd.Parameters.Add("$e", SqliteType.Text);
            var b = cmd.Parameters.Add("$b", SqliteType.Integer);
            var p = cmd.Parameters.Add("$p", SqliteType.Text);
            var added = new Dictionary<string, WebhookBacklog>(StringComparer.Ordinal);
            foreach (var (endpointId, payload) in rows)
            {
                var bytes = Encoding.UTF8.GetByteCount(payload);
                e.Value = endpointId;
                b.Value = bytes;
                p.Value = payload;
                cmd.ExecuteNonQuery();
                var sum = added.GetValueOrDefault(endpointId);
                added[endpointId] = new WebhookBacklog(sum.Events + 1, sum.Bytes + bytes);
            }
            tx.Commit();
            foreach (var (endpointId, sum) in added) Adjust(endpointId, sum.Events, sum.Bytes);
        }
    }

    /// <summary>The oldest <paramref name="max"/> events of an endpoint, oldest first.</summary>
    public IReadOnlyList<QueuedWebhookEvent> Peek(string endpointId, int max)
    {
        lock (_sync)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT seq, payload FROM queue WHERE endpoint = $e ORDER BY seq LIMIT $n;";
            cmd.Parameters.AddWithValue("$e", endpointId);
            cmd.Parameters.AddWithValue("$n", max);
            using var reader = cmd.ExecuteReader();
            var list = new List<QueuedWebhookEvent>();
            while (reader.Read()) list.Add(new QueuedWebhookEvent(reader.GetInt64(0), reader.GetString(1)));
            return list;
        }
    }

    /// <summary>Deletes an endpoint's events up to and including <paramref name="lastSeq"/> (delivered); returns how many.</summary>
    public long RemoveThrough(string endpointId, long lastSeq) => Delete(endpointId, lastSeq);

    /// <summary>Deletes every event of an endpoint (the endpoint was deleted).</summary>
    public long RemoveAll(string endpointId) => Delete(endpointId, long.MaxValue);

    /// <summary>
    /// Drops the oldest events of an endpoint until it holds at most <paramref name="maxEvents"/> events and
    /// <paramref name="maxBytes"/> bytes; returns how many were dropped.
    /// </summary>
    public long DropOldest(string endpointId, long maxEvents, long maxBytes)
    {
        lock (_sync)
        {
            var backlog = _backlog.GetValueOrDefault(endpointId);
            if (backlog.Events <= maxEvents && backlog.Bytes <= maxBytes) return 0;
            long events = backlog.Events, bytes = backlog.Bytes, lastSeq = -1;
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT seq, bytes FROM queue WHERE endpoint = $e ORDER BY seq;";
            cmd.Parameters.AddWithValue("$e", endpointId);
            using (var reader = cmd.ExecuteReader())
            {
                while ((events > maxEvents || bytes > maxBytes) && reader.Read())
                {
                    lastSeq = reader.GetInt64(0);
                    events--;
                    bytes -= reader.GetInt64(1);
                }
            }
            return lastSeq < 0 ? 0 : Delete(endpointId, lastSeq);
        }
    }

    public void Dispose()
    {
        lock (_sync) _connection.Dispose();
    }

    private long Delete(string endpointId, long lastSeq)
    {
        lock (_sync)
        {
            // A delete needs no fsync of its own: losing it to a power cut only re-delivers (at least once), and
            // the next appending commit (FULL) syncs the WAL up to and including it.
            Execute("PRAGMA synchronous=NORMAL;");
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "DELETE FROM queue WHERE endpoint = $e AND seq <= $s RETURNING bytes;";
            cmd.Parameters.AddWithValue("$e", endpointId);
            cmd.Parameters.AddWithValue("$s", lastSeq);
            long events = 0, bytes = 0;
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read())
                {
                    events++;
                    bytes += reader.GetInt64(0);
                }
            }
            Adjust(endpointId, -events, -bytes);
            return events;
        }
    }

    private void Adjust(string endpointId, long events, long bytes)
    {
        var current = _backlog.GetValueOrDefault(endpointId);
        var next = new WebhookBacklog(current.Events + events, current.Bytes + bytes);
        if (next.Events <= 0) _backlog.Remove(endpointId);
        else _backlog[endpointId] = next;
        Interlocked.Add(ref _totalEvents, events);
    }

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
