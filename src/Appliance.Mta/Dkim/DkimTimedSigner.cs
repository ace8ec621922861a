using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Appliance.Mta.Dkim;

/// <summary>MimeKit's DKIM signer with the t= tag (RFC 6376 §3.5) taken from an injected clock.</summary>
internal sealed class DkimTimedSigner(AsymmetricKeyParameter key, string domain, string selector, DkimSignatureAlgorithm algorithm, TimeProvider time)
    : DkimSigner(key, domain, selector, algorithm)
{
    protected override long GetTimestamp() => time.GetUtcNow().ToUnixTimeSeconds();
}
