using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Configuration;

namespace Appliance.Mta.Smtp.Server;

/// <summary>
/// The server's TLS certificate: the configured one (PEM certificate + key, or PFX), or a
/// self-signed RSA certificate for the host name generated into {DataDir}/tls/selfsigned.pfx (again when the host is renamed).
/// Certificates are re-imported from PFX bytes so SslStream can use the private key on every platform.
/// </summary>
public static class ServerCertificate
{
    /// <summary>Where the admin console stores an uploaded certificate (PKCS#12, owner-only); it wins over the others.</summary>
    public static string UploadedPath(MtaOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Path.Combine(o.DataDir, "tls", "uploaded.pfx");
    }

    /// <summary>An uploaded certificate, else Smtp.CertificatePath, else a self-signed one made once for Hostname.</summary>
    public static X509Certificate2 LoadOrCreate(MtaOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var uploaded = UploadedPath(o);
        if (File.Exists(uploaded)) return X509CertificateLoader.LoadPkcs12FromFile(uploaded, password: null, X509KeyStorageFlags.Exportable);
        var path = o.Smtp.CertificatePath;
        if (!string.IsNullOrWhiteSpace(path))
        {
            var ext = Path.GetExtension(path);
            if (ext.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || ext.Equals(".p12", StringComparison.OrdinalIgnoreCase))
                return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.Exportable);
            using var pem = X509Certificate2.CreateFromPemFile(path, string.IsNullOrWhiteSpace(o.Smtp.CertificateKeyPath) ? null : o.Smtp.CertificateKeyPath);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null, X509KeyStorageFlags.Exportable);
        }
        return SelfSignedFor(o);
    }

    /// <summary>
    /// The self-signed certificate for the current Hostname when no certificate was uploaded or configured, made anew
    /// (and saved) when the saved one names another host: the setup wizard or a settings change renames the appliance
    /// after the first start generated a certificate for the machine name. Null when an uploaded or configured
    /// certificate is in use (the admin's choice is never replaced).
    /// </summary>
    public static X509Certificate2? RenewSelfSignedIfRenamed(MtaOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (File.Exists(UploadedPath(o)) || !string.IsNullOrWhiteSpace(o.Smtp.CertificatePath)) return null;
        // The saved certificate is read once: either it names the host (nothing to change) or a new one replaces it.
        using var saved = LoadSavedSelfSigned(o);
        return saved is not null && NamesHost(saved, o.Hostname) ? null : CreateAndSaveSelfSigned(o);
    }

    private static bool NamesHost(X509Certificate2 certificate, string hostname) =>
        string.Equals(certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false), hostname, StringComparison.OrdinalIgnoreCase);

    private static X509Certificate2 SelfSignedFor(MtaOptions o)
    {
        var saved = LoadSavedSelfSigned(o);
        if (saved is not null && NamesHost(saved, o.Hostname)) return saved;
        saved?.Dispose();
        return CreateAndSaveSelfSigned(o);
    }

    private static string SelfSignedPath(MtaOptions o) => Path.Combine(o.DataDir, "tls", "selfsigned.pfx");

    private static X509Certificate2? LoadSavedSelfSigned(MtaOptions o)
    {
        var file = SelfSignedPath(o);
        return File.Exists(file) ? X509CertificateLoader.LoadPkcs12FromFile(file, password: null, X509KeyStorageFlags.Exportable) : null;
    }

    private static X509Certificate2 CreateAndSaveSelfSigned(MtaOptions o)
    {
        var file = SelfSignedPath(o);
        var pfx = CreateSelfSigned(o.Hostname);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + ".tmp";
        File.WriteAllBytes(temp, pfx);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, file, overwrite: true);
        return X509CertificateLoader.LoadPkcs12(pfx, password: null, X509KeyStorageFlags.Exportable);
    }

    private static byte[] CreateSelfSigned(string hostname)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostname}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(hostname);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // serverAuth
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        return cert.Export(X509ContentType.Pkcs12);
    }
}
