using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Appliance.Mta.Dkim;

/// <summary>
/// A BouncyCastle <see cref="ISigner"/> that MimeKit's DkimSigner feeds with the canonicalised header data
/// (RFC 6376 §3.7: the signed fields, then the DKIM-Signature field with an empty b=), and that signs it with
/// .NET's <see cref="RSA"/> (OpenSSL): SHA-256 and RSASSA-PKCS1-v1_5, the rsa-sha256 algorithm of RFC 6376 §3.3.1.
/// PKCS#1 v1.5 is deterministic, so this gives the same b= as BouncyCastle's RsaDigestSigner, several times faster.
/// </summary>
/// <remarks>Sign-only and single-use: MimeKit creates one per signature through CreateSigningContext.</remarks>
internal sealed class DkimNativeRsaSigner(RSA key) : ISigner
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public string AlgorithmName => "SHA-256withRSA";

    public void Init(bool forSigning, ICipherParameters parameters)
    {
        if (!forSigning) throw new NotSupportedException("this signer only signs");
    }

    public void Update(byte input) => _hash.AppendData([input]);

    public void BlockUpdate(byte[] input, int inOff, int inLen) => _hash.AppendData(input, inOff, inLen);

    public void BlockUpdate(ReadOnlySpan<byte> input) => _hash.AppendData(input);

    public int GetMaxSignatureSize() => key.KeySize / 8;

    public byte[] GenerateSignature()
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        _hash.GetHashAndReset(digest);
        return key.SignHash(digest.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public bool VerifySignature(byte[] signature) => throw new NotSupportedException("this signer only signs");

    public void Reset() => _hash.GetHashAndReset();
}
