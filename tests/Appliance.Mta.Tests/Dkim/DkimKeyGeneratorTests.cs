using System.Security.Cryptography;
using Appliance.Mta.Dkim;

namespace Appliance.Mta.Tests.Dkim;

public sealed class DkimKeyGeneratorTests
{
    [Fact]
    public void Rsa_key_is_pkcs8_pem_of_the_requested_size_with_an_rsa_record()
    {
        var key = DkimKeyGenerator.Generate(DkimKeyAlgorithm.RsaSha256);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", key.PrivateKeyPem);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal(Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()), key.PublicKeyBase64);
        Assert.Equal("v=DKIM1; k=rsa; p=" + key.PublicKeyBase64, key.TxtRecordValue);
    }

    [Fact]
    public void Ed25519_record_carries_the_raw_32_byte_public_key()
    {
        var key = DkimKeyGenerator.Generate(DkimKeyAlgorithm.Ed25519Sha256);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", key.PrivateKeyPem);
        Assert.Equal(32, Convert.FromBase64String(key.PublicKeyBase64).Length); // RFC 8463 §4.2
        Assert.Equal("v=DKIM1; k=ed25519; p=" + key.PublicKeyBase64, key.TxtRecordValue);
    }

    [Theory]
    [InlineData(DkimKeyAlgorithm.RsaSha256)]
    [InlineData(DkimKeyAlgorithm.Ed25519Sha256)]
    public void Public_key_is_derived_back_from_the_stored_private_key(DkimKeyAlgorithm algorithm)
    {
        var key = DkimKeyGenerator.Generate(algorithm, 1024);

        Assert.Equal(key.PublicKeyBase64, DkimPublicKey.FromPrivatePem(algorithm, key.PrivateKeyPem));
        Assert.Equal(key.TxtRecordValue, DkimPublicKey.TxtRecordFromPrivatePem(algorithm, key.PrivateKeyPem));
    }

    [Fact]
    public void Key_of_another_algorithm_or_garbage_is_refused()
    {
        var ed = DkimKeyGenerator.Generate(DkimKeyAlgorithm.Ed25519Sha256);

        Assert.Throws<CryptographicException>(() => DkimPublicKey.FromPrivatePem(DkimKeyAlgorithm.RsaSha256, ed.PrivateKeyPem));
        Assert.Throws<CryptographicException>(() => DkimPublicKey.FromPrivatePem(DkimKeyAlgorithm.Ed25519Sha256, "garbage"));
    }

    [Fact]
    public void Rsa_keys_below_1024_bits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DkimKeyGenerator.Generate(DkimKeyAlgorithm.RsaSha256, 512));
    }

    [Fact]
    public void Long_record_is_split_into_character_strings_of_at_most_255_octets()
    {
        var record = DkimKeyGenerator.Generate(DkimKeyAlgorithm.RsaSha256).TxtRecordValue;

        var parts = DkimTxtRecord.Split(record);

        Assert.True(record.Length > 255);
        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 255));
        Assert.Equal(record, string.Concat(parts));
        Assert.Equal(["short"], DkimTxtRecord.Split("short"));
    }
}
