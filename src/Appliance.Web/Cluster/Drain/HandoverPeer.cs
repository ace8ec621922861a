using System.Net;

namespace Appliance.Web.Cluster.Drain;

/// <summary>A live node that can take a hand-over: its name and its relay listener's endpoint.</summary>
public sealed record HandoverPeer(string Name, IPEndPoint Relay);
