namespace Appliance.Web.Cluster.Internal;

/// <summary>The outcome of checking a signed internal request (<see cref="NodeRequestVerifier"/>).</summary>
public enum NodeRequestCheck
{
    /// <summary>Signed with the cluster secret, fresh and not seen before.</summary>
    Valid,

    /// <summary>Cluster mode is off (or no secret is set): internal endpoints accept nobody.</summary>
    NotClusterMode,

    /// <summary>One of the signature headers is missing or malformed.</summary>
    Missing,

    /// <summary>The timestamp is outside the signature window.</summary>
    Expired,

    /// <summary>The signature does not match (wrong secret, or a changed method, target or body).</summary>
    BadSignature,

    /// <summary>The nonce was already used inside the window: a replayed request.</summary>
    Replayed,
}
