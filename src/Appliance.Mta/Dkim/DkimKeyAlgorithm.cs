namespace Appliance.Mta.Dkim;

/// <summary>A DKIM signing algorithm.</summary>
public enum DkimKeyAlgorithm
{
    /// <summary>rsa-sha256 (RFC 6376 §3.3.1), 2048-bit keys by default.</summary>
    RsaSha256,
    /// <summary>ed25519-sha256 (RFC 8463).</summary>
    Ed25519Sha256,
}
