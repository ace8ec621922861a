using Appliance.Mta.Bounces.Classification;

namespace Appliance.Mta.Tests.Bounces.Classification;

/// <summary>
/// THE one mapping of sisimai's reason taxonomy onto our categories, used by the agreement test. Stated openly:
/// sisimai's "filtered" is, in this corpus, almost always "user unknown" answered after DATA, so it maps to
/// InvalidRecipient; sisimai's catch-alls (systemerror, mailererror, onhold, undefined) map to Uncategorized;
/// message-format rejections (contenterror, notcompliantrfc, syntaxerror) to ProtocolError; IP-level blocks
/// (blocked, badreputation, requireptr) to SpamBlock; sender-level rejections (rejected, securityerror,
/// policyviolation) to PolicyRelated; network errors (connect failures, no route, DNS) to ConnectionFailure. delivered, vacation and feedback are not failures and are not scored.
/// </summary>
public static class SisimaiReasonMap
{
    public static readonly IReadOnlyDictionary<string, BounceCategory> Map = new Dictionary<string, BounceCategory>(StringComparer.Ordinal)
    {
        ["userunknown"] = BounceCategory.InvalidRecipient,
        ["filtered"] = BounceCategory.InvalidRecipient,
        ["hasmoved"] = BounceCategory.InvalidRecipient,
        ["suspend"] = BounceCategory.InactiveMailbox,
        ["hostunknown"] = BounceCategory.BadDomain,
        ["notaccept"] = BounceCategory.BadDomain,
        ["mailboxfull"] = BounceCategory.QuotaIssues,
        ["systemfull"] = BounceCategory.QuotaIssues,
        ["mesgtoobig"] = BounceCategory.MessageTooLarge,
        ["exceedlimit"] = BounceCategory.MessageTooLarge,
        ["rejected"] = BounceCategory.PolicyRelated,
        ["securityerror"] = BounceCategory.PolicyRelated,
        ["policyviolation"] = BounceCategory.PolicyRelated,
        ["blocked"] = BounceCategory.SpamBlock,
        ["badreputation"] = BounceCategory.SpamBlock,
        ["requireptr"] = BounceCategory.SpamBlock,
        ["spamdetected"] = BounceCategory.SpamContent,
        ["virusdetected"] = BounceCategory.VirusRelated,
        ["authfailure"] = BounceCategory.AuthenticationFailure,
        ["contenterror"] = BounceCategory.ProtocolError,
        ["notcompliantrfc"] = BounceCategory.ProtocolError,
        ["syntaxerror"] = BounceCategory.ProtocolError,
        ["norelaying"] = BounceCategory.RoutingError,
        ["networkerror"] = BounceCategory.ConnectionFailure,
        ["toomanyconn"] = BounceCategory.Throttled,
        ["speeding"] = BounceCategory.Throttled,
        ["expired"] = BounceCategory.MessageExpired,
        ["systemerror"] = BounceCategory.Uncategorized,
        ["mailererror"] = BounceCategory.Uncategorized,
        ["onhold"] = BounceCategory.Uncategorized,
        ["undefined"] = BounceCategory.Uncategorized,
    };

    /// <summary>Reasons that are not delivery failures (success DSN, auto-reply, complaint).</summary>
    public static readonly IReadOnlySet<string> NotFailures = new HashSet<string>(StringComparer.Ordinal) { "delivered", "vacation", "feedback" };
}
