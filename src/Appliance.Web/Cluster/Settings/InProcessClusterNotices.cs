namespace Appliance.Web.Cluster.Settings;

/// <summary>The single-node bus: a notice reaches this process's subscribers only.</summary>
public sealed class InProcessClusterNotices : IClusterNotices
{
    private readonly Lock _gate = new();
    private Action<ClusterNotice>[] _handlers = [];

    public Task PublishAsync(ClusterNotice notice, CancellationToken cancellationToken = default)
    {
        foreach (var handler in _handlers) handler(notice);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Action<ClusterNotice> handler)
    {
        lock (_gate) _handlers = [.. _handlers, handler];
        return new Subscription(() => { lock (_gate) _handlers = [.. _handlers.Where(h => h != handler)]; });
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
