namespace Appliance.Web.Modules.Domains.Entities;

/// <summary>Which keys a domain signs with: RSA (the default), Ed25519 (RFC 8463), or both (dual signing).</summary>
public enum DkimAlgorithmChoice
{
    Rsa,
    Ed25519,
    Dual,
}
