using Appliance.Mta.Bounces.Classification;

namespace Appliance.Mta.Tests.Bounces.Classification;

/// <summary>
/// THE one mapping of sisimai's reason taxonomy onto our categories, used by the agreement test. Stated openly:
/// sisimai's "filtered" is, in this corpus, almost always "user unknown" answered after DATA, so it maps to
/// InvalidRecipient; sisimai's catch-alls (systemerror, mailererror, onhold, undefined) are not labels and are not scored
/// (<see cref="CatchAll"/>; our Uncategorized never counts as agreement);
/// message-format rejections (contenterror, notcompliantrfc, syntaxerror) to ProtocolError; IP-level blocks
/// (blocked, badreputation, requireptr) to SpamBlock; sender-level rejections (rejected, securityerror,
/// policyviolation) to PolicyRelated; network errors to ConnectionFailure (or RoutingError, <see cref="AlsoAccepted"/>); relay refusals to PolicyRelated. delivered, vacation and feedback are not failures and are not scored.
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
        // RFC 3463 §3.8: X.7.1 "delivery not authorized" covers relay refusals: the receiver's policy, not a routing fault.
        ["norelaying"] = BounceCategory.PolicyRelated,
        ["networkerror"] = BounceCategory.ConnectionFailure,
        ["toomanyconn"] = BounceCategory.Throttled,
        ["speeding"] = BounceCategory.Throttled,
        ["expired"] = BounceCategory.MessageExpired,
    };

    /// <summary>
    /// sisimai's catch-all reasons: "some error at the remote system / mailer / undecided". They carry no category, so
    /// matching them with our Uncategorized would be agreement for free; they are counted apart and not scored.
    /// </summary>
    public static readonly IReadOnlySet<string> CatchAll = new HashSet<string>(StringComparer.Ordinal) { "systemerror", "mailererror", "onhold", "undefined" };

    /// <summary>
    /// Where one sisimai reason spans two of our categories: sisimai's networkerror is "DNS lookup failure or other
    /// network problems", which we split into ConnectionFailure (connect, reset, timeout) and RoutingError (DNS
    /// resolution failure, routing loop).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, BounceCategory> AlsoAccepted = new Dictionary<string, BounceCategory>(StringComparer.Ordinal)
    {
        ["networkerror"] = BounceCategory.RoutingError,
    };

    /// <summary>True when our category agrees with sisimai's reason (never for Uncategorized).</summary>
    public static bool Agrees(string reason, BounceCategory actual) =>
        actual != BounceCategory.Uncategorized
        && (Map.TryGetValue(reason, out var expected) && expected == actual || AlsoAccepted.TryGetValue(reason, out var also) && also == actual);

    /// <summary>Reasons that are not delivery failures (success DSN, auto-reply, complaint).</summary>
    public static readonly IReadOnlySet<string> NotFailures = new HashSet<string>(StringComparer.Ordinal) { "delivered", "vacation", "feedback" };
}
