using System.Net;
using System.Net.Sockets;
using Appliance.Mta.Egress;
using Appliance.Mta.Events;

namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>
/// At start, in cluster mode: every egress source this node owns (its <see cref="EgressSource.Node"/> is this node)
/// whose bind address this host cannot bind (not assigned to a local interface, EADDRNOTAVAIL) is logged as a warning
/// and raised as an Alert event, so a source given to the wrong node, or an address not yet configured on the host, is
/// seen before its mail piles up. Unowned sources and other nodes' sources are not probed.
/// </summary>
public sealed class EgressAddressCheck(EgressConfiguration configuration, EgressNode node, IEventSink events, TimeProvider time,
    ILogger<EgressAddressCheck> logger)
{
    /// <summary>Checks the plan in force; returns the sources warned about.</summary>
    public IReadOnlyList<EgressSource> Run()
    {
        if (node.Name is not { } name) return [];
        var missing = Unbindable(configuration.Plan, name, CanBind);
        foreach (var s in missing)
        {
            PoolsLog.EgressAddressNotLocal(logger, s.Name, s.BindAddress!.ToString(), name);
            events.Write(new MtaEvent
            {
                Type = MtaEventType.Alert, Timestamp = time.GetUtcNow(), EgressSource = s.Name, EgressIp = s.BindAddress.ToString(),
                Detail = $"Egress source {s.Name} is owned by node {name}, but its bind address {s.BindAddress} is not assigned to a local interface; connections from it will fail until the address is added to this host or the source is given to the node that has it.",
            });
        }
        return missing;
    }

    /// <summary>
    /// The sources of <paramref name="plan"/> owned by <paramref name="localNode"/> that have a bind address
    /// <paramref name="canBind"/> refuses.
    /// </summary>
    public static IReadOnlyList<EgressSource> Unbindable(EgressPlan plan, string localNode, Func<IPAddress, bool> canBind) =>
        plan.Sources.Where(s => s.BindAddress is not null && string.Equals(s.Node, localNode, StringComparison.OrdinalIgnoreCase) && !canBind(s.BindAddress))
            .ToList();

    /// <summary>
    /// True when a TCP socket can bind <paramref name="address"/> (port 0, never connected or listened on): the same test
    /// the delivery's outbound connect makes.
    /// </summary>
    public static bool CanBind(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
