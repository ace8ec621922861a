namespace Appliance.Web.Cluster.Drain;

/// <summary>What asking a node to drain did.</summary>
public enum DrainStart
{
    /// <summary>The drain began: new mail is refused and the queue is being handed over.</summary>
    Started,

    /// <summary>The node was draining already (the call changes nothing).</summary>
    AlreadyDraining,

    /// <summary>Cluster mode is off: there is no other node to hand the queue to.</summary>
    NotClustered,

    /// <summary><c>Appliance:Cluster:Secret</c> is missing or too short: the hand-over cannot authenticate.</summary>
    NoSecret,

    /// <summary>The SMTP listeners are not bound yet (the node is starting).</summary>
    NotReady,
}
