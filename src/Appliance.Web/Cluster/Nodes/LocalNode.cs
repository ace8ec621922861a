using System.Reflection;
using Appliance.Mta.Admin;
using Appliance.Mta.Storage;
using Appliance.Web.Cluster.Drain;
using Appliance.Web.Services;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster.Nodes;

/// <summary>This node's <see cref="NodeInfo"/>, read from the engine, the queue counters, the disk guard and Kestrel.</summary>
public sealed class LocalNode(IMtaStatus engine, QueueViewService queues, DiskGuard diskGuard, IServer server, IOptions<ClusterOptions> options,
    NodeAlerts alerts, NodeDrainState drain, TimeProvider time)
{
    private readonly DateTimeOffset _started = new(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>The entry as of now, with the last alerts re-read when the cached ones are stale.</summary>
    public async Task<NodeInfo> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var recent = await alerts.GetAsync(cancellationToken);
        return Current() with { RecentAlerts = recent };
    }

    /// <summary>The entry as of now with the alerts last read.</summary>
    public NodeInfo Current()
    {
        var http = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var listeners = engine.Listeners
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new NodeListener(l.Key, l.Value.ToString()))
            .Concat(http.Select(a => new NodeListener("http", a)))
            .ToList();
        var now = time.GetUtcNow();
        return new NodeInfo(options.Value.EffectiveNodeName, Version, _started, Math.Max(0, (now - _started).TotalSeconds), listeners,
            queues.GetCounters(null).Messages, diskGuard.IsLow, now, alerts.Last, drain.Draining, InternalUrlOf(options.Value.InternalUrl, http));
    }

    /// <summary>
    /// The configured <see cref="ClusterOptions.InternalUrl"/>, else the first HTTP listener with a concrete host
    /// (https preferred); null when the node listens on wildcards only (then InternalUrl must be set).
    /// </summary>
    public static string? InternalUrlOf(string? configured, IEnumerable<string> addresses)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim().TrimEnd('/');
        var concrete = addresses
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .Where(u => u.Host is not ("0.0.0.0" or "[::]" or "::" or "*" or "+") && u.Scheme is "http" or "https")
            .OrderBy(u => u.Scheme == "https" ? 0 : 1)
            .FirstOrDefault();
        return concrete?.GetLeftPart(UriPartial.Authority);
    }

    private static string Version =>
        typeof(LocalNode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(LocalNode).Assembly.GetName().Version?.ToString() ?? "unknown";
}
