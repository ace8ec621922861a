using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>A throw-away root CA (.NET CertificateRequest) that issues server certificates for given DNS names, as PEM files.</summary>
public sealed class MtaStsTestCa : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public MtaStsTestCa()
    {
        var request = new CertificateRequest("CN=Appliance Test CA", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Writes the CA certificate as PEM.</summary>
    public void WriteCertificate(string path) => File.WriteAllText(path, Certificate.ExportCertificatePem());

    /// <summary>A server certificate (with private key) for <paramref name="dnsNames"/>, signed by this CA.</summary>
    public X509Certificate2 Issue(params string[] dnsNames)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames) san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(Certificate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(6), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Round-trip through PKCS#12 so SslStream can use the key on Linux.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes a certificate and its private key as two PEM files.</summary>
    public static void WritePem(X509Certificate2 certificate, string certPath, string keyPath)
    {
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        using var rsa = certificate.GetRSAPrivateKey()!;
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
