using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Configuration;
using Appliance.Mta.Smtp.Server;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>The self-signed certificate is made once per host name and renewed only when the name changes.</summary>
public sealed class ServerCertificateTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "appliance-cert-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public void Same_hostname_keeps_the_saved_certificate_and_a_rename_replaces_it()
    {
        var options = new MtaOptions { DataDir = _dataDir, Hostname = "before.example.net" };
        using var first = ServerCertificate.LoadOrCreate(options);
        Assert.Equal("CN=before.example.net", first.Subject);

        Assert.Null(ServerCertificate.RenewSelfSignedIfRenamed(options));
        using (var reloaded = ServerCertificate.LoadOrCreate(options)) Assert.Equal(first.Thumbprint, reloaded.Thumbprint);

        var renamed = new MtaOptions { DataDir = _dataDir, Hostname = "after.example.net" };
        using var renewed = ServerCertificate.RenewSelfSignedIfRenamed(renamed);
        Assert.NotNull(renewed);
        Assert.Equal("CN=after.example.net", renewed.Subject);
        Assert.True(renewed.HasPrivateKey);
        using var saved = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_dataDir, "tls", "selfsigned.pfx"), password: null);
        Assert.Equal(renewed.Thumbprint, saved.Thumbprint);
        Assert.Null(ServerCertificate.RenewSelfSignedIfRenamed(renamed));
    }

    [Fact]
    public void A_missing_saved_certificate_is_created_by_a_renewal()
    {
        var options = new MtaOptions { DataDir = _dataDir, Hostname = "fresh.example.net" };
        using var created = ServerCertificate.RenewSelfSignedIfRenamed(options);
        Assert.NotNull(created);
        Assert.True(File.Exists(Path.Combine(_dataDir, "tls", "selfsigned.pfx")));
    }

    [Fact]
    public void A_configured_certificate_is_never_replaced()
    {
        var options = new MtaOptions { DataDir = _dataDir, Hostname = "x.example.net", Smtp = { CertificatePath = "/nonexistent/cert.pem" } };
        Assert.Null(ServerCertificate.RenewSelfSignedIfRenamed(options));
        Assert.False(File.Exists(Path.Combine(_dataDir, "tls", "selfsigned.pfx")));
    }
}
