using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Appliance.Mta.Dkim;

/// <summary>
/// Parsed private keys by PEM text, so a PEM is decoded once and not per message. Bounded: past
/// <see cref="Capacity"/> distinct keys (rotations over a long uptime) it starts over. RSA keys are also imported
/// into .NET's <see cref="RSA"/> for native signing; signing with one shared instance from several threads is safe
/// (OpenSSL makes a context per operation, as Kestrel does with a certificate's key). Dropped instances are left
/// to the finaliser: another thread may still be signing with one.
/// </summary>
internal sealed class DkimPrivateKeyCache
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<(DkimKeyAlgorithm, string), DkimPrivateKeyCacheEntry> _keys = new();

    public DkimPrivateKeyCacheEntry Get(DkimSigningKey key)
    {
        if (_keys.TryGetValue((key.Algorithm, key.PrivateKeyPem), out var parsed)) return parsed;
        var bouncy = DkimPublicKey.ReadPrivateKey(key.Algorithm, key.PrivateKeyPem);
        RSA? native = null;
        if (key.Algorithm == DkimKeyAlgorithm.RsaSha256)
        {
            native = RSA.Create();
            native.ImportFromPem(key.PrivateKeyPem);
        }
        parsed = new DkimPrivateKeyCacheEntry(bouncy, native);
        if (_keys.Count >= Capacity) _keys.Clear();
        _keys[(key.Algorithm, key.PrivateKeyPem)] = parsed;
        return parsed;
    }
}
