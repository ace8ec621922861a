namespace Appliance.Web.Cluster.Panel;

/// <summary>
/// One page of a cluster-wide event search, newest first across the nodes; <see cref="More"/> when a further page
/// exists; <see cref="Unanswered"/> names the nodes that did not answer (their events are missing from the page).
/// </summary>
public sealed record ClusterEventPage(IReadOnlyList<NodeEvent> Events, bool More, IReadOnlyList<NodeAnswer<string>> Unanswered);
