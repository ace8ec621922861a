namespace Appliance.Web.Cluster.Drain;

/// <summary>
/// Where this node's drain stands (GET /api/v1/cluster/drain): <see cref="State"/> is <c>accepting</c> (no drain),
/// <c>draining</c> (refusing new mail, handing the queue over) or <c>drained</c> (refusing new mail, nothing queued).
/// <see cref="HandedOver"/> counts messages taken by peers; <see cref="LastError"/> says why the last hand-over
/// attempt failed (no live peer, a peer's refusal), null when none did.
/// </summary>
public sealed record DrainStatus(string Node, string State, long Queued, long HandedOver, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? LastError);
