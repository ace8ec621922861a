using Appliance.Mta.Events;

namespace Appliance.Web.Cluster.Panel;

/// <summary>One row of a cluster-wide event search: the event and the node whose event log holds it.</summary>
public sealed record NodeEvent(string Node, MtaEvent Event);
