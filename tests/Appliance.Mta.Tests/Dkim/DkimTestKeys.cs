using Appliance.Mta.Dkim;

namespace Appliance.Mta.Tests.Dkim;

/// <summary>Keys generated once per test run, with the DNS records that publish them.</summary>
internal static class DkimTestKeys
{
    public const string Domain = "example.com";

    public static readonly DkimKeyMaterial Rsa = DkimKeyGenerator.Generate(DkimKeyAlgorithm.RsaSha256);
    public static readonly DkimKeyMaterial Ed25519 = DkimKeyGenerator.Generate(DkimKeyAlgorithm.Ed25519Sha256);

    public static DkimSigningKey RsaKey => new("rsa1", DkimKeyAlgorithm.RsaSha256, Rsa.PrivateKeyPem);
    public static DkimSigningKey Ed25519Key => new("ed1", DkimKeyAlgorithm.Ed25519Sha256, Ed25519.PrivateKeyPem);

    public static readonly IReadOnlyDictionary<string, string> Records = new Dictionary<string, string>
    {
        [$"rsa1._domainkey.{Domain}"] = Rsa.TxtRecordValue,
        [$"ed1._domainkey.{Domain}"] = Ed25519.TxtRecordValue,
    };

    public static DkimSigningPlan Plan(string keys) => new(Domain, keys switch
    {
        "rsa" => [RsaKey],
        "ed25519" => [Ed25519Key],
        "dual" => [RsaKey, Ed25519Key],
        _ => throw new ArgumentOutOfRangeException(nameof(keys)),
    });
}
