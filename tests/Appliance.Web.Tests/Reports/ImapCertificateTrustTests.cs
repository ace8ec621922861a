using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Appliance.Web.Modules.Reports.Imap;

namespace Appliance.Web.Tests.Reports;

/// <summary>The IMAPS certificate check: system-valid, pinned fingerprint or configured CA; never anything else.</summary>
public sealed class ImapCertificateTrustTests
{
    [Fact]
    public void Untrusted_certificate_is_refused_unless_pinned()
    {
        using var cert = SelfSigned("imap.example");
        var pin = ImapCertificateTrust.Fingerprint(cert);
        Assert.False(ImapCertificateTrust.Validate(cert, SslPolicyErrors.RemoteCertificateChainErrors, null, null));
        Assert.False(ImapCertificateTrust.Validate(cert, SslPolicyErrors.RemoteCertificateChainErrors, new string('A', 64), null));
        Assert.True(ImapCertificateTrust.Validate(cert, SslPolicyErrors.RemoteCertificateChainErrors, pin, null));
        Assert.True(ImapCertificateTrust.Validate(cert, SslPolicyErrors.RemoteCertificateChainErrors, string.Join(':', pin.Chunk(2).Select(c => new string(c))).ToLowerInvariant(), null));
        Assert.True(ImapCertificateTrust.Validate(cert, SslPolicyErrors.None, null, null));
    }

    [Fact]
    public void Ca_file_trusts_its_leaves_only_for_chain_errors()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var leafKey = RSA.Create(2048);
        var leafRequest = new CertificateRequest("CN=imap.example", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var leaf = leafRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3, 4]);
        var caFile = Path.GetTempFileName();
        try
        {
            File.WriteAllText(caFile, ca.ExportCertificatePem());
            Assert.True(ImapCertificateTrust.Validate(leaf, SslPolicyErrors.RemoteCertificateChainErrors, null, caFile));
            Assert.False(ImapCertificateTrust.Validate(leaf, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, null, caFile));
            using var stranger = SelfSigned("other.example");
            Assert.False(ImapCertificateTrust.Validate(stranger, SslPolicyErrors.RemoteCertificateChainErrors, null, caFile));
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    }
}
