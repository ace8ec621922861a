namespace Appliance.Web.Cluster.Drain;

/// <summary>
/// Whether this node is draining (refusing new mail at SMTP connect and HTTP injection) and how far the drain got.
/// Written by <see cref="NodeDrainService"/>; read by the injection endpoint, the registry entry and the drain API.
/// In memory only: a restarted node accepts mail again.
/// </summary>
public sealed class NodeDrainState
{
    private readonly Lock _sync = new();
    private volatile bool _draining;
    private bool _done;
    private long _handedOver;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;
    private string? _lastError;

    /// <summary>True from the start of a drain until it is cancelled: new mail is refused.</summary>
    public bool Draining => _draining;

    /// <summary>A drain starts (false when one is already running or finished).</summary>
    public bool TryBegin(DateTimeOffset now)
    {
        lock (_sync)
        {
            if (_draining) return false;
            _draining = true;
            _done = false;
            _handedOver = 0;
            _startedAt = now;
            _finishedAt = null;
            _lastError = null;
            return true;
        }
    }

    /// <summary>Messages handed over so far.</summary>
    public void AddHandedOver(int count)
    {
        lock (_sync) _handedOver += count;
    }

    /// <summary>Why the last attempt failed; null clears it.</summary>
    public void SetError(string? error)
    {
        lock (_sync) _lastError = error;
    }

    /// <summary>The queue is empty: the node stays closed to new mail.</summary>
    public void Finish(DateTimeOffset now)
    {
        lock (_sync)
        {
            _done = true;
            _finishedAt = now;
        }
    }

    /// <summary>The drain is cancelled: the node accepts mail again.</summary>
    public void End()
    {
        lock (_sync)
        {
            _draining = false;
            _done = false;
        }
    }

    /// <summary>The status as of now, with <paramref name="queued"/> messages in the queue.</summary>
    public DrainStatus Snapshot(string node, long queued)
    {
        lock (_sync)
        {
            var state = !_draining ? "accepting" : _done && queued == 0 ? "drained" : "draining";
            return new DrainStatus(node, state, queued, _handedOver, _startedAt, _finishedAt, _lastError);
        }
    }
}
