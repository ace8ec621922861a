using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Appliance.Mta.Dkim;

/// <summary>
/// Parsed private keys, so a PEM is decoded and imported once and not per message. Looked up first by the
/// <see cref="DkimSigningKey"/> instance (the host's key snapshot hands out the same instances for every message, so
/// this costs no hashing of the PEM text), then by PEM text. Bounded: past <see cref="Capacity"/> distinct keys
/// (rotations over a long uptime) the PEM map starts over. RSA keys are imported into .NET's <see cref="RSA"/>;
/// signing with one shared instance from several threads is safe (OpenSSL makes a context per operation, as
/// Kestrel does with a certificate's key). Dropped instances are left to the finaliser: another thread may still be
/// signing with one.
/// </summary>
internal sealed class DkimPrivateKeyCache
{
    public const int Capacity = 4096;

    private readonly ConditionalWeakTable<DkimSigningKey, DkimPrivateKeyCacheEntry> _byInstance = new();
    private readonly ConcurrentDictionary<(DkimKeyAlgorithm, string), DkimPrivateKeyCacheEntry> _keys = new();

    public DkimPrivateKeyCacheEntry Get(DkimSigningKey key)
    {
        if (_byInstance.TryGetValue(key, out var parsed)) return parsed;
        if (!_keys.TryGetValue((key.Algorithm, key.PrivateKeyPem), out parsed))
        {
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
        }
        _byInstance.AddOrUpdate(key, parsed);
        return parsed;
    }
}
