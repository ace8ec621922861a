using Appliance.Mta.Shaping;

namespace Appliance.Web.Cluster.Limits;

/// <summary>A slot of a <see cref="LocalLeaseCounter"/>; given back once, on the first dispose.</summary>
internal sealed class LocalLease(LocalLeaseCounter counter, string key) : IConnectionLease
{
    private int _released;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) counter.Release(key);
        return ValueTask.CompletedTask;
    }
}
