using System.Collections.Concurrent;
using Org.BouncyCastle.Crypto;

namespace Appliance.Mta.Dkim;

/// <summary>
/// Parsed private keys by PEM text, so a PEM is decoded once and not per message. Bounded: past
/// <see cref="Capacity"/> distinct keys (rotations over a long uptime) it starts over.
/// </summary>
internal sealed class DkimPrivateKeyCache
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<(DkimKeyAlgorithm, string), AsymmetricKeyParameter> _keys = new();

    public AsymmetricKeyParameter Get(DkimSigningKey key)
    {
        if (_keys.TryGetValue((key.Algorithm, key.PrivateKeyPem), out var parsed)) return parsed;
        parsed = DkimPublicKey.ReadPrivateKey(key.Algorithm, key.PrivateKeyPem);
        if (_keys.Count >= Capacity) _keys.Clear();
        _keys[(key.Algorithm, key.PrivateKeyPem)] = parsed;
        return parsed;
    }
}
