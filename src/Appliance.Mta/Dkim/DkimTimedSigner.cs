using System.Security.Cryptography;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Appliance.Mta.Dkim;

/// <summary>
/// MimeKit's DKIM signer with the t= tag (RFC 6376 §3.5) taken from an injected clock, and the RSA signature made by
/// .NET's RSA (OpenSSL) when <paramref name="nativeRsa"/> is given: MimeKit still canonicalises and hashes, only the
/// final signing step changes (<see cref="DkimNativeRsaSigner"/>). Ed25519 stays on BouncyCastle (.NET has none).
/// </summary>
internal sealed class DkimTimedSigner(AsymmetricKeyParameter key, RSA? nativeRsa, string domain, string selector, DkimSignatureAlgorithm algorithm, TimeProvider time)
    : DkimSigner(key, domain, selector, algorithm)
{
    protected override long GetTimestamp() => time.GetUtcNow().ToUnixTimeSeconds();

    protected override ISigner CreateSigningContext() =>
        nativeRsa is not null && SignatureAlgorithm == DkimSignatureAlgorithm.RsaSha256
            ? new DkimNativeRsaSigner(nativeRsa)
            : base.CreateSigningContext();
}
