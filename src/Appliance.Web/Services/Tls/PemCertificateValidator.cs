using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Web.Services.Tls;

/// <summary>
/// Checks an uploaded PEM certificate and key one step at a time so the message names what is wrong: the
/// certificate parses (RFC 7468 "CERTIFICATE"), the key parses (PKCS#8, PKCS#1 or SEC1; not encrypted), the key
/// belongs to the certificate, and the certificate is valid now.
/// </summary>
public static class PemCertificateValidator
{
    public static ServiceResult<X509Certificate2> Validate(string? certificatePem, string? keyPem, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(certificatePem) || !certificatePem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            return Invalid("certificate", "Paste the certificate in PEM form (-----BEGIN CERTIFICATE-----), leaf first, then any intermediates.");
        if (string.IsNullOrWhiteSpace(keyPem) || !keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            return Invalid("key", "Paste the private key in PEM form (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA/EC PRIVATE KEY-----).");
        if (keyPem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
            return Invalid("key", "The private key is encrypted; export it without a passphrase.");

        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPem(certificatePem);
        }
        catch (CryptographicException)
        {
            return Invalid("certificate", "The certificate does not parse as an X.509 PEM certificate.");
        }
        using (leaf)
        {
            if (!KeyParses(keyPem)) return Invalid("key", "The private key does not parse (expected an RSA or ECDSA key in PEM form).");
            X509Certificate2 withKey;
            try
            {
                withKey = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            }
            catch (CryptographicException)
            {
                return Invalid("key", "The private key does not match the certificate's public key.");
            }
            if (withKey.NotAfter.ToUniversalTime() < now.UtcDateTime)
            {
                var expired = withKey.NotAfter.ToUniversalTime();
                withKey.Dispose();
                return Invalid("certificate", $"The certificate expired on {expired:yyyy-MM-dd HH:mm} UTC.");
            }
            if (withKey.NotBefore.ToUniversalTime() > now.UtcDateTime)
            {
                var notBefore = withKey.NotBefore.ToUniversalTime();
                withKey.Dispose();
                return Invalid("certificate", $"The certificate is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC.");
            }
            // Re-imported from PKCS#12 so SslStream can use the private key on every platform (as ServerCertificate does).
            using (withKey)
            {
                return ServiceResult<X509Certificate2>.Ok(X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null, X509KeyStorageFlags.Exportable));
            }
        }
    }

    public static CertificateInfo Describe(X509Certificate2 certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var sans = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames().Concat(e.EnumerateIPAddresses().Select(ip => ip.ToString())))
            .ToList();
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        return new CertificateInfo(
            certificate.Subject,
            certificate.Issuer,
            sans,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            notAfter,
            certificate.Thumbprint,
            certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData),
            (int)Math.Floor((notAfter - now).TotalDays));
    }

    private static bool KeyParses(string keyPem)
    {
        foreach (var algorithm in new Func<AsymmetricAlgorithm>[] { RSA.Create, ECDsa.Create })
        {
            using var key = algorithm();
            try
            {
                key.ImportFromPem(keyPem);
                return true;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                // try the next algorithm
            }
        }
        return false;
    }

    private static ServiceResult<X509Certificate2> Invalid(string field, string message) => ServiceResult<X509Certificate2>.Invalid(field, message);
}
