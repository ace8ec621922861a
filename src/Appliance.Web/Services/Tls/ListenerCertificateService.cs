using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Configuration;
using Appliance.Mta.Hosting;
using Appliance.Mta.Smtp.Server;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Services.Tls;

/// <summary>
/// The SMTP listeners' certificate: shows the live one, and installs an uploaded PEM certificate + key after
/// <see cref="PemCertificateValidator"/> accepts it. The certificate is stored as {DataDir}/tls/uploaded.pfx
/// (owner-only; the engine loads it first at start) and swapped into the running listeners, so STARTTLS and smtps
/// present it from the next handshake without a restart. Audited (subject, thumbprint, expiry; never the key).
/// </summary>
public sealed class ListenerCertificateService(IOptions<MtaOptions> options, IListenerCertificate listeners, IAuditLog audit, TimeProvider time)
    : IListenerCertificateSource
{
    public X509Certificate2? Certificate => listeners.Current;

    /// <summary>The appliance's host name: the MX of the return paths, the owner of the TLSA record.</summary>
    public string MxHostname => options.Value.Hostname.TrimEnd('.');

    /// <summary>The <c>3 1 1</c> TLSA record of the live certificate for our MX hostname; null before the engine has started.</summary>
    public TlsaSuggestion? CurrentTlsa() => Certificate is { } live ? TlsaSuggestion.For(live, options.Value.Hostname) : null;

    /// <summary>
    /// The <c>3 1 1</c> TLSA record of a next certificate (its PEM; the key is not needed), to publish before installing
    /// it; field error "certificate" when the text holds no certificate.
    /// </summary>
    public ServiceResult<TlsaSuggestion> TlsaOf(string? certificatePem)
    {
        if (string.IsNullOrWhiteSpace(certificatePem)) return ServiceResult<TlsaSuggestion>.Invalid("certificate", "Paste the next certificate (PEM).");
        try
        {
            using var next = X509Certificate2.CreateFromPem(certificatePem);
            return ServiceResult<TlsaSuggestion>.Ok(TlsaSuggestion.For(next, options.Value.Hostname));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return ServiceResult<TlsaSuggestion>.Invalid("certificate", "The text is not a PEM certificate (-----BEGIN CERTIFICATE-----).");
        }
    }

    /// <summary>The certificate the listeners present now; null before the engine has started.</summary>
    public CertificateInfo? Current() =>
        listeners.Current is { } live ? PemCertificateValidator.Describe(live, time.GetUtcNow()) : null;

    public bool HasUploadedCertificate => File.Exists(ServerCertificate.UploadedPath(options.Value));

    public async Task<ServiceResult<CertificateInfo>> InstallAsync(string? certificatePem, string? keyPem, string actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var validated = PemCertificateValidator.Validate(certificatePem, keyPem, now);
        if (!validated.Succeeded) return ServiceResult<CertificateInfo>.Invalid(validated.Errors);
        var certificate = validated.Value!;
        var before = Current();

        var path = ServerCertificate.UploadedPath(options.Value);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, certificate.Export(X509ContentType.Pkcs12), ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
        listeners.Replace(certificate);

        var info = PemCertificateValidator.Describe(certificate, now);
        // The certificate is a file in the data folder, not a row of the database.
        await audit.RecordAsync(actor, "tls.certificate.upload", "smtp-listeners",
            before is null ? null : new { before.Subject, before.Thumbprint, before.NotAfter },
            new { info.Subject, info.Thumbprint, info.NotAfter, info.SubjectAlternativeNames }, ct);
        return ServiceResult<CertificateInfo>.Ok(info);
    }
}
