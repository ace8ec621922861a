using Appliance.Mta.Dkim;

namespace Appliance.Web.Modules.Domains.Entities;

/// <summary>
/// One DKIM key of a domain under one selector. The private key is stored only encrypted with ASP.NET Core Data
/// Protection (<see cref="ProtectedPrivateKey"/>); the public key and TXT value are public anyway.
/// </summary>
public sealed class DkimKey
{
    public int Id { get; set; }

    public int SendingDomainId { get; set; }

    public SendingDomain? Domain { get; set; }

    /// <summary>RFC 6376 §3.1 selector (a DNS label).</summary>
    public required string Selector { get; set; }

    public DkimKeyAlgorithm Algorithm { get; set; }

    /// <summary>The PKCS#8 PEM encrypted by Data Protection; never the PEM itself.</summary>
    public required string ProtectedPrivateKey { get; set; }

    /// <summary>The TXT value to publish at selector._domainkey.domain ("v=DKIM1; k=rsa; p=...").</summary>
    public required string TxtRecord { get; set; }

    public DkimKeyStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ActivatedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }
}
