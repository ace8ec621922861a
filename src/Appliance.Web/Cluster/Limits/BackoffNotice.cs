using Appliance.Mta.Shaping;

namespace Appliance.Web.Cluster.Limits;

/// <summary>
/// What travels on the backoff channel (JSON): a backoff a node fired (<see cref="Backoff"/>), or the early end of one
/// (<see cref="Rule"/> and <see cref="Key"/>), with the sending node so it skips its own notices.
/// </summary>
public sealed record BackoffNotice(string Node, ActiveBackoff? Backoff, string? Rule = null, string? Key = null);
