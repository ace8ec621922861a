using Appliance.Mta.Events;

namespace Appliance.Web.Cluster.Panel;

/// <summary>A node's answer to GET /api/v1/internal/events: its events newest first; More when the limit cut the list.</summary>
public sealed record InternalEventPage(IReadOnlyList<MtaEvent> Events, bool More);
