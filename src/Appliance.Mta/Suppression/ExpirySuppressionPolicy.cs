using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Whether a message that expired after retries (RFC 5321 §4.5.4.1) suppresses its recipient (a soft-bounce entry):
/// only when the last reply named the mailbox itself: it does not exist (X.1.x of the destination address), is
/// disabled (X.2.1) or stays full (X.2.2, RFC 3463 §3.3 "useful for persistent transient errors"). Never for the
/// receiver's outage, DNS, TLS, a policy or reputation block (X.7.x, about the sender) or our own hold, which say
/// nothing about the address. Without an enhanced code, the reply's category decides (the text named the mailbox).
/// </summary>
public static class ExpirySuppressionPolicy
{
    /// <summary>The rule as shown on the suppression settings page; <see cref="Suppresses"/> implements it.</summary>
    public static IReadOnlyList<ExpiryCause> Table { get; } =
    [
        new("X.1.0, X.1.1, X.1.3, X.1.6", true, "The recipient address does not exist, is malformed or has moved (RFC 3463 §3.2)."),
        new("X.2.1", true, "The mailbox is disabled (RFC 3463 §3.3)."),
        new("X.2.2", true, "The mailbox stayed full until the message expired (RFC 3463 §3.3: persistent transient error)."),
        new("no enhanced code", true, "Only when the text names the mailbox (category InvalidRecipient, InactiveMailbox or QuotaIssues)."),
        new("X.1.2, X.1.4, X.1.7-X.1.10", false, "The destination domain or the sender's address, not the mailbox (RFC 3463 §3.2, RFC 7505)."),
        new("X.2.0, X.2.3, X.2.4", false, "Mailbox status undefined, message too long, mailing-list expansion: not the address."),
        new("X.3.x", false, "The receiving system (full, not accepting, misconfigured): an outage at the receiver."),
        new("X.4.x", false, "Network and routing: no answer, connection lost, DNS failure, congestion, our own hold (4.4.5)."),
        new("X.5.x, X.6.x", false, "Protocol or content conversion problems."),
        new("X.7.x", false, "Security and policy: blocklists, reputation, authentication, TLS (about the sender, not the address)."),
    ];

    /// <summary>True when an expiry whose last reply had <paramref name="enhancedCode"/> (and, without one, <paramref name="category"/>) suppresses.</summary>
    public static bool Suppresses(string? enhancedCode, BounceCategory category)
    {
        if (enhancedCode is not null && EnhancedStatusCode.TryParse(enhancedCode.Trim(), out var code))
            return code.Subject switch
            {
                // RFC 3463 §3.2 addressing status: 0 other, 1 bad mailbox, 3 bad mailbox syntax, 6 mailbox moved.
                1 => code.Detail is 0 or 1 or 3 or 6,
                // RFC 3463 §3.3 mailbox status: 1 disabled, 2 full.
                2 => code.Detail is 1 or 2,
                _ => false,
            };
        return category is BounceCategory.InvalidRecipient or BounceCategory.InactiveMailbox or BounceCategory.QuotaIssues;
    }
}
