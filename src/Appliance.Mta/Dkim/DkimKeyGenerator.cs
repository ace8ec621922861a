using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Appliance.Mta.Dkim;

/// <summary>Generates DKIM key pairs: RSA through System.Security.Cryptography, Ed25519 through BouncyCastle.</summary>
public static class DkimKeyGenerator
{
    /// <summary>RFC 8301 §3.2: signers MUST use RSA keys of at least 1024 bits (2048 recommended).</summary>
    public const int MinimumRsaBits = 1024;

    /// <summary>A new key pair for <paramref name="algorithm"/> (RSA with <paramref name="rsaBits"/> bits).</summary>
    public static DkimKeyMaterial Generate(DkimKeyAlgorithm algorithm, int rsaBits = 2048) => algorithm switch
    {
        DkimKeyAlgorithm.RsaSha256 => GenerateRsa(rsaBits),
        DkimKeyAlgorithm.Ed25519Sha256 => GenerateEd25519(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    private static DkimKeyMaterial GenerateRsa(int bits)
    {
        if (bits < MinimumRsaBits) throw new ArgumentOutOfRangeException(nameof(bits), bits, $"RSA keys need at least {MinimumRsaBits} bits (RFC 8301 §3.2)");
        using var rsa = RSA.Create(bits);
        var pem = PemEncoding.WriteString("PRIVATE KEY", rsa.ExportPkcs8PrivateKey());
        return new DkimKeyMaterial(DkimKeyAlgorithm.RsaSha256, pem, Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
    }

    private static DkimKeyMaterial GenerateEd25519()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetEncoded();
        var publicKey = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
        return new DkimKeyMaterial(DkimKeyAlgorithm.Ed25519Sha256, PemEncoding.WriteString("PRIVATE KEY", pkcs8), Convert.ToBase64String(publicKey));
    }
}
