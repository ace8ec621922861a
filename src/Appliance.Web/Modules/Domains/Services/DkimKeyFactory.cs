using Appliance.Mta.Dkim;
using Appliance.Web.Modules.Domains.Entities;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>Generates a domain's keys (one, or two for dual signing) under fresh selectors, encrypted for storage.</summary>
public sealed class DkimKeyFactory(DkimKeyProtector protector, IOptions<DkimOptions> options)
{
    public IReadOnlyList<DkimKey> Create(DkimAlgorithmChoice choice, IReadOnlyCollection<string> usedSelectors, DkimKeyStatus status, DateTimeOffset now)
    {
        var keys = new List<DkimKey>();
        foreach (var algorithm in Algorithms(choice))
        {
            var material = DkimKeyGenerator.Generate(algorithm, options.Value.RsaBits);
            keys.Add(new DkimKey
            {
                Selector = NewSelector(algorithm, now, usedSelectors.Concat(keys.Select(k => k.Selector)).ToHashSet(StringComparer.OrdinalIgnoreCase)),
                Algorithm = algorithm,
                ProtectedPrivateKey = protector.Protect(material.PrivateKeyPem),
                TxtRecord = material.TxtRecordValue,
                Status = status,
                CreatedAt = now,
                ActivatedAt = status == DkimKeyStatus.Active ? now : null,
            });
        }
        return keys;
    }

    public static IReadOnlyList<DkimKeyAlgorithm> Algorithms(DkimAlgorithmChoice choice) => choice switch
    {
        DkimAlgorithmChoice.Rsa => [DkimKeyAlgorithm.RsaSha256],
        DkimAlgorithmChoice.Ed25519 => [DkimKeyAlgorithm.Ed25519Sha256],
        // RFC 8463 §3: dual signing, RSA for verifiers that do not know Ed25519.
        _ => [DkimKeyAlgorithm.RsaSha256, DkimKeyAlgorithm.Ed25519Sha256],
    };

    /// <summary>
    /// "s202611291430r" (RSA) or "...e" (Ed25519): a date-stamped selector (RFC 6376 §3.1 allows any DNS label), so a
    /// rotation never reuses a published name; a counter is appended when two rotations fall in one minute.
    /// </summary>
    public static string NewSelector(DkimKeyAlgorithm algorithm, DateTimeOffset now, IReadOnlySet<string> used)
    {
        var stem = "s" + now.UtcDateTime.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture)
            + (algorithm == DkimKeyAlgorithm.Ed25519Sha256 ? "e" : "r");
        var selector = stem;
        for (var n = 2; used.Contains(selector); n++) selector = stem + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return selector;
    }
}
