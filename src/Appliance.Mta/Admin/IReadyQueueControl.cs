namespace Appliance.Mta.Admin;

/// <summary>
/// What the queue's admin operations may see and do of delivery's ready queues (implemented by delivery, asked by
/// <c>QueueManager</c>): list them, suspend or resume a site, tell which are held after every host refused.
/// Delivery depends on the queue, never the reverse: this contract is how the admin reaches across.
/// </summary>
public interface IReadyQueueControl
{
    /// <summary>Every ready queue (egress source, site) as it is now.</summary>
    IReadOnlyList<ReadyQueueInfo> List();

    /// <summary>Suspends or resumes every ready queue of <paramref name="site"/> (a resumed one opens connections
    /// again); returns the number of items waiting in them.</summary>
    int SetSiteSuspended(string site, bool suspended);

    /// <summary>Ready queues on hold (every host refused connections) at <paramref name="now"/>: name → held until.</summary>
    IReadOnlyDictionary<string, DateTimeOffset> Held(DateTimeOffset now);
}
