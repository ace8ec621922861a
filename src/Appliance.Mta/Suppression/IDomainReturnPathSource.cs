namespace Appliance.Mta.Suppression;

/// <summary>
/// Per sending domain return paths (the domains module), answered from memory. Only return-path domains that are
/// ready to receive bounces are reported (their MX check passed): a return path that is not published would lose
/// every asynchronous bounce, so the tenant's own return-path domain stays in use until then.
/// </summary>
public interface IDomainReturnPathSource
{
    /// <summary>The verified return-path domain of <paramref name="senderDomain"/> when <paramref name="tenantId"/> owns it; else null.</summary>
    string? ReturnPathFor(string tenantId, string senderDomain);

    /// <summary>True when <paramref name="domain"/> (lower-case A-label) is a verified per-domain return-path domain.</summary>
    bool IsReturnPathDomain(string domain);
}
