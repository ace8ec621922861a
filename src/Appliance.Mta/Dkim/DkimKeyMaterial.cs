namespace Appliance.Mta.Dkim;

/// <summary>
/// A freshly generated DKIM key pair: the private key as PKCS#8 PEM (for the host to encrypt at rest) and the
/// public key as it goes into the DNS record's p= tag.
/// </summary>
/// <param name="PublicKeyBase64">RSA: the DER SubjectPublicKeyInfo in base64 (RFC 6376 §3.6.1). Ed25519: the raw
/// 32-byte public key in base64 (RFC 8463 §4.2).</param>
public sealed record DkimKeyMaterial(DkimKeyAlgorithm Algorithm, string PrivateKeyPem, string PublicKeyBase64)
{
    /// <summary>The TXT record value to publish at selector._domainkey.domain (RFC 6376 §3.6.1), e.g.
    /// "v=DKIM1; k=rsa; p=MIIB...". Use <see cref="DkimTxtRecord.Split"/> to cut it into character-strings.</summary>
    public string TxtRecordValue => DkimTxtRecord.Format(Algorithm, PublicKeyBase64);
}
