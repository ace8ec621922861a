namespace Appliance.Mta.Inbound;

/// <summary>
/// The fixed addresses the appliance answers at each return-path domain besides VERP addresses: feedback-loop
/// registrations (fbl), abuse@ and postmaster@ (RFC 2142 §4 and RFC 5321 §4.5.1 mailboxes), and the mailto
/// target of List-Unsubscribe (unsubscribe).
/// </summary>
public static class ReportAddresses
{
    /// <summary>
    /// The local-parts answered at every return-path domain: fbl, abuse, postmaster, unsubscribe (case-insensitive).
    /// </summary>
    public static readonly IReadOnlySet<string> LocalParts = new HashSet<string>(["fbl", "abuse", "postmaster", "unsubscribe"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True when the local-part of <paramref name="address"/> is one of <see cref="LocalParts"/> (any domain; the
    /// caller checks the domain).
    /// </summary>
    public static bool IsReportAddress(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && LocalParts.Contains(address[..at]);
    }

    /// <summary>
    /// True when <paramref name="address"/> is the List-Unsubscribe mailto target (unsubscribe@, any domain).
    /// </summary>
    public static bool IsUnsubscribeAddress(string address) =>
        address.StartsWith(Suppression.UnsubscribeHeaderFilter.MailtoLocalPart + "@", StringComparison.OrdinalIgnoreCase);
}
