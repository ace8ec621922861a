namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// Why a delivery failed, in the KumoMTA / PowerMTA bounce-class vocabulary. Set on TransientFailure, Bounce,
/// Expiration and Oob events.
/// </summary>
public enum BounceCategory
{
    Uncategorized,
    InvalidRecipient,
    InactiveMailbox,
    BadDomain,
    QuotaIssues,
    MessageTooLarge,
    PolicyRelated,
    SpamBlock,
    SpamContent,
    VirusRelated,
    AuthenticationFailure,
    ProtocolError,
    RoutingError,
    ConnectionFailure,
    Throttled,
    MessageExpired,
}
