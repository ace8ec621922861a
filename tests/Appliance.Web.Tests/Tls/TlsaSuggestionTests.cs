using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Appliance.Web.Services.Tls;

namespace Appliance.Web.Tests.Tls;

/// <summary>
/// Inbound DANE (issue 21): the <c>3 1 1</c> record suggested for our MX is the SHA-256 of the certificate's
/// SubjectPublicKeyInfo as openssl computes it, and published records are judged as DANE-EE (RFC 6698 §2.1).
/// </summary>
public sealed class TlsaSuggestionTests
{
    private static X509Certificate2 Certificate(bool ecdsa = false)
    {
        var (pem, _) = TestPem.Create("mx.example.net", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90), ecdsa);
        return X509Certificate2.CreateFromPem(pem);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_3_1_1_hash_is_openssls_sha256_of_the_public_key(bool ecdsa)
    {
        Assert.True(File.Exists("/usr/bin/openssl"), "openssl is required (apt-get install -y openssl)");
        using var certificate = Certificate(ecdsa);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, certificate.ExportCertificatePem());
            // The usual recipe for a 3 1 1 record: the DER public key, hashed.
            var psi = new ProcessStartInfo("/bin/sh", ["-c", $"/usr/bin/openssl x509 -in '{file}' -noout -pubkey | /usr/bin/openssl pkey -pubin -outform DER | /usr/bin/openssl dgst -sha256 -r"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var openssl = Process.Start(psi)!;
            var output = await openssl.StandardOutput.ReadToEndAsync();
            await openssl.WaitForExitAsync();
            Assert.True(openssl.ExitCode == 0, await openssl.StandardError.ReadToEndAsync());
            var expected = output.Split(' ')[0].Trim();

            var tlsa = TlsaSuggestion.For(certificate, "MX.Example.NET.");
            Assert.Equal(expected, tlsa.Sha256);
            Assert.Equal("3 1 1 " + expected, tlsa.Value);
            Assert.Equal("_25._tcp.mx.example.net", tlsa.Name);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Dane_ee_records_of_every_selector_and_matching_type_match_their_certificate_and_no_other()
    {
        using var certificate = Certificate();
        using var other = Certificate();
        var spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        string Hex(byte[] b) => Convert.ToHexString(b);
        string[] records =
        [
            "3 1 1 " + Hex(SHA256.HashData(spki)),
            "3 1 2 " + Hex(SHA512.HashData(spki)),
            "3 1 0 " + Hex(spki),
            "3 0 1 " + Hex(SHA256.HashData(certificate.RawData)).ToLowerInvariant(),
            "3 0 2 " + Hex(SHA512.HashData(certificate.RawData)),
            "3 0 0 " + Hex(certificate.RawData),
            "3  1  1  " + Hex(SHA256.HashData(spki))[..32] + " " + Hex(SHA256.HashData(spki))[32..], // whitespace in the data (RFC 6698 §2.2)
        ];
        foreach (var record in records)
        {
            Assert.True(TlsaSuggestion.Matches(record, certificate), record);
            Assert.False(TlsaSuggestion.Matches(record, other), record);
        }
    }

    [Theory]
    [InlineData("2 0 1 0011223344556677889900112233445566778899001122334455667788990011")] // DANE-TA names a CA, not the leaf
    [InlineData("1 1 1 0011223344556677889900112233445566778899001122334455667788990011")] // PKIX-EE needs a chain
    [InlineData("3 2 1 0011223344556677889900112233445566778899001122334455667788990011")] // unknown selector
    [InlineData("3 1 3 0011")] // unknown matching type
    [InlineData("3 1 1 0011")] // a SHA-256 digest of the wrong length is malformed (RFC 7671 §4), not a mismatch
    [InlineData("3 1 1 not-hex")]
    [InlineData("3 1")]
    [InlineData("")]
    public void Records_that_cannot_be_judged_from_the_leaf_are_neither_match_nor_mismatch(string record)
    {
        using var certificate = Certificate();
        Assert.Null(TlsaSuggestion.Matches(record, certificate));
    }
}
