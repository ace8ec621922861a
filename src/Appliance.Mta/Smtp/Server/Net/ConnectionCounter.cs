using System.Collections.Concurrent;
using System.Net;

namespace Appliance.Mta.Smtp.Server.Net;

/// <summary>Counts open connections in total and per client IP (MaxConnections, MaxConnectionsPerIp).</summary>
internal sealed class ConnectionCounter
{
    private readonly ConcurrentDictionary<IPAddress, int> _perIp = new();
    private int _total;

    public int Total => Volatile.Read(ref _total);

    /// <summary>Registers a connection; false (and nothing counted) when a limit would be exceeded.</summary>
    public bool TryAcquire(IPAddress ip, int maxTotal, int maxPerIp)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (Interlocked.Increment(ref _total) > maxTotal)
        {
            Interlocked.Decrement(ref _total);
            return false;
        }
        var count = _perIp.AddOrUpdate(ip, 1, static (_, c) => c + 1);
        if (count > maxPerIp)
        {
            Release(ip);
            return false;
        }
        return true;
    }

    public void Release(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        Interlocked.Decrement(ref _total);
        while (_perIp.TryGetValue(ip, out var c))
        {
            if (c <= 1 ? _perIp.TryRemove(new KeyValuePair<IPAddress, int>(ip, c)) : _perIp.TryUpdate(ip, c - 1, c)) break;
        }
    }
}
