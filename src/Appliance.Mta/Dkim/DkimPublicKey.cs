using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Appliance.Mta.Dkim;

/// <summary>Reads DKIM private keys (PKCS#8 PEM) and derives the public key data for the DNS record.</summary>
public static class DkimPublicKey
{
    /// <summary>The p= value for a stored private key: base64 DER SubjectPublicKeyInfo for RSA, the raw 32-byte key
    /// for Ed25519 (RFC 8463 §4.2).</summary>
    public static string FromPrivatePem(DkimKeyAlgorithm algorithm, string privateKeyPem)
    {
        var key = ReadPrivateKey(algorithm, privateKeyPem);
        return key switch
        {
            RsaPrivateCrtKeyParameters rsa => Convert.ToBase64String(
                SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent)).GetDerEncoded()),
            Ed25519PrivateKeyParameters ed => Convert.ToBase64String(ed.GeneratePublicKey().GetEncoded()),
            _ => throw new CryptographicException("unsupported DKIM key type"),
        };
    }

    /// <summary>The TXT record value for a stored private key.</summary>
    public static string TxtRecordFromPrivatePem(DkimKeyAlgorithm algorithm, string privateKeyPem) =>
        DkimTxtRecord.Format(algorithm, FromPrivatePem(algorithm, privateKeyPem));

    /// <summary>Parses a PKCS#8 (or PKCS#1 "RSA PRIVATE KEY") PEM and checks it fits <paramref name="algorithm"/>.</summary>
    /// <exception cref="CryptographicException">Not a PEM private key, or of another algorithm.</exception>
    public static AsymmetricKeyParameter ReadPrivateKey(DkimKeyAlgorithm algorithm, string privateKeyPem)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        if (!PemEncoding.TryFind(privateKeyPem, out var fields)) throw new CryptographicException("not a PEM private key");
        var label = privateKeyPem.AsSpan()[fields.Label];
        var der = Convert.FromBase64String(privateKeyPem[fields.Base64Data]);
        AsymmetricKeyParameter key;
        try
        {
            key = label.SequenceEqual("RSA PRIVATE KEY")
                ? RsaPkcs1(der)
                : PrivateKeyFactory.CreateKey(der);
        }
        catch (Exception e) when (e is not CryptographicException)
        {
            throw new CryptographicException("unreadable private key", e);
        }
        var fits = algorithm switch
        {
            DkimKeyAlgorithm.RsaSha256 => key is RsaPrivateCrtKeyParameters,
            DkimKeyAlgorithm.Ed25519Sha256 => key is Ed25519PrivateKeyParameters,
            _ => false,
        };
        if (!fits || !key.IsPrivate) throw new CryptographicException($"the key is not a {algorithm} private key");
        return key;
    }

    private static AsymmetricKeyParameter RsaPkcs1(byte[] der)
    {
        var s = Org.BouncyCastle.Asn1.Pkcs.RsaPrivateKeyStructure.GetInstance(der);
        return new RsaPrivateCrtKeyParameters(s.Modulus, s.PublicExponent, s.PrivateExponent, s.Prime1, s.Prime2, s.Exponent1, s.Exponent2, s.Coefficient);
    }
}
