using Appliance.Mta.Dns.Dmarc;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// Which domain a tenant may name as its return-path domain (issue 15 item 2). The appliance becomes the MX of that
/// domain for every tenant (inbound bounces, ARF, reports at RCPT), so a tenant may only name a domain it has shown
/// it owns: one of its own sending domains or a subdomain of one, never a public suffix, never a domain under another
/// tenant's sending domain, never another tenant's return-path domain. Each refusal names its rule. Checked when the
/// setting is saved and again before each MX verification (a sending domain may have been deleted since).
/// </summary>
public static class ReturnPathDomainRules
{
    public const string PublicSuffix = "public-suffix";
    public const string OwnSendingDomain = "own-sending-domain";
    public const string OtherTenant = "other-tenant";

    /// <summary>Null when <paramref name="tenantId"/> may use <paramref name="domain"/> (lower-case A-label), else the refusal.</summary>
    /// <param name="sendingDomains">Every tenant's sending domains.</param>
    /// <param name="returnPathOwners">Every configured tenant return-path domain → its tenant.</param>
    public static string? Check(string domain, string tenantId, IEnumerable<SendingDomainOwner> sendingDomains, IReadOnlyDictionary<string, string> returnPathOwners)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(sendingDomains);
        ArgumentNullException.ThrowIfNull(returnPathOwners);
        // RFC 7489 §3.2 / Public Suffix List: a name nobody can register ("com", "co.uk") belongs to no tenant.
        if (OrganizationalDomain.List.RegistrableDomain(domain) is null)
            return $"Rule {PublicSuffix}: '{domain}' is a public suffix; a return-path domain must be a domain you own.";
        // The most specific sending domain at or above the name decides whose it is.
        var owner = sendingDomains
            .Where(s => domain == s.Domain || domain.EndsWith("." + s.Domain, StringComparison.Ordinal))
            .OrderByDescending(s => s.Domain.Length)
            .FirstOrDefault();
        if (owner is not null && owner.TenantId != tenantId)
            return $"Rule {OtherTenant}: '{domain}' is under '{owner.Domain}', a sending domain of another tenant.";
        if (owner is null)
            return $"Rule {OwnSendingDomain}: '{domain}' must be one of this tenant's sending domains or a subdomain of one (add the sending domain first).";
        if (returnPathOwners.TryGetValue(domain, out var other) && other != tenantId)
            return $"Rule {OtherTenant}: '{domain}' is already the return-path domain of another tenant.";
        return null;
    }
}
