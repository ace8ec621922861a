using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Delivery.Dane;
using Appliance.Mta.Security.Tls;

namespace Appliance.Mta.Tests.Dane.Fakes;

/// <summary>A throw-away CA and end-entity certificates, and TLSA records computed from them (RFC 6698 §2.1).</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates()
    {
        var request = new CertificateRequest("CN=DANE Test CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(30));
    }

    public X509Certificate2 Ca { get; }

    public static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>An end-entity certificate from this CA for <paramref name="names"/> (none: CN only), valid in the given window.</summary>
    public X509Certificate2 Issue(string cn, string[] names, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
        if (names.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var n in names) san.AddDnsName(n);
            request.CertificateExtensions.Add(san.Build());
        }
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        var start = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        var end = notAfter ?? DateTimeOffset.UtcNow.AddDays(10);
        return request.Create(Ca, start, end, RandomNumberGenerator.GetBytes(8));
    }

    /// <summary>A self-signed certificate with its own key (no CA), as many DANE-EE servers use.</summary>
    public static X509Certificate2 SelfSigned(string cn, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), notAfter ?? DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>The TLSA record "usage selector matching data" that matches <paramref name="certificate"/>.</summary>
    public static TlsaRecord For(byte usage, byte selector, byte matching, X509Certificate2 certificate)
    {
        var selected = selector == 0 ? certificate.RawData : certificate.PublicKey.ExportSubjectPublicKeyInfo();
        var data = matching switch
        {
            0 => selected,
            1 => SHA256.HashData(selected),
            2 => SHA512.HashData(selected),
            _ => SHA256.HashData(selected),
        };
        return new TlsaRecord(usage, selector, matching, data);
    }

    public void Dispose()
    {
        Ca.Dispose();
        _caKey.Dispose();
    }
}
