namespace Appliance.Web.Modules.Domains;

/// <summary>
/// The return-path (bounce) domain of each sending domain, from memory (for the bounces module: which MAIL FROM
/// domain to use for a From: domain, and whether an inbound recipient domain is one of ours).
/// </summary>
public interface IReturnPathDomains
{
    /// <summary>The return-path domain configured for <paramref name="fromDomain"/> (exact sending domain), or null.</summary>
    string? ReturnPathFor(string fromDomain);

    /// <summary>The sending domain whose return-path domain is <paramref name="returnPathDomain"/>, or null.</summary>
    ReturnPathDomain? FindByReturnPath(string returnPathDomain);
}
