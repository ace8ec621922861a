using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Appliance.Mta.Admin;
using Appliance.Web.Services.Tls;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Tls;

/// <summary>An uploaded certificate is presented by STARTTLS on the running listener at once, and audited.</summary>
public sealed class ListenerCertificateSwapTests : IDisposable
{
    private readonly ApplianceFactory _factory = ApplianceFactory.WithSettings(new() { ["Appliance:Smtp:Submission"] = "127.0.0.1:0" });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Upload_is_used_by_the_next_starttls_handshake_without_restart()
    {
        _ = _factory.Services; // starts the host
        var status = _factory.Services.GetRequiredService<IMtaStatus>();
        var port = status.Listeners["submission"].Port;
        var before = await StartTlsCertificateAsync(port);
        var now = DateTimeOffset.UtcNow;
        var (cert, key) = TestPem.Create("uploaded.example.com", now.AddDays(-1), now.AddDays(200));
        var service = _factory.Services.GetRequiredService<ListenerCertificateService>();

        var result = await service.InstallAsync(cert, key, "user:test");

        Assert.True(result.Succeeded, string.Join("; ", result.Messages));
        var after = await StartTlsCertificateAsync(port);
        Assert.NotEqual(before.Thumbprint, after.Thumbprint);
        Assert.Equal("CN=uploaded.example.com", after.Subject);
        Assert.Equal(after.Thumbprint, service.Current()!.Thumbprint);
        Assert.True(service.HasUploadedCertificate);
        var audit = await _factory.CreateAdminClient().GetStringAsync("/api/v1/audit?search=tls.certificate");
        Assert.Contains("uploaded.example.com", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_upload_changes_nothing()
    {
        _ = _factory.Services;
        var service = _factory.Services.GetRequiredService<ListenerCertificateService>();
        var before = service.Current()!.Thumbprint;
        var now = DateTimeOffset.UtcNow;
        var (cert, _) = TestPem.Create("a.example.com", now.AddDays(-1), now.AddDays(90));
        var (_, otherKey) = TestPem.Create("b.example.com", now.AddDays(-1), now.AddDays(90));

        var result = await service.InstallAsync(cert, otherKey, "user:test");

        Assert.False(result.Succeeded);
        Assert.Equal(before, service.Current()!.Thumbprint);
        Assert.False(service.HasUploadedCertificate);
    }

    /// <summary>EHLO, STARTTLS (RFC 3207) and the certificate the server presents.</summary>
    private static async Task<X509Certificate2> StartTlsCertificateAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        async Task<string> ReplyAsync()
        {
            string line;
            do line = (await reader.ReadLineAsync())!; while (line.Length > 3 && line[3] == '-');
            return line;
        }
        await ReplyAsync();
        await stream.WriteAsync("EHLO test.example\r\n"u8.ToArray());
        await ReplyAsync();
        await stream.WriteAsync("STARTTLS\r\n"u8.ToArray());
        Assert.StartsWith("220", await ReplyAsync(), StringComparison.Ordinal);
        X509Certificate2? presented = null;
        await using var ssl = new SslStream(stream, leaveInnerStreamOpen: true, (_, c, _, _) =>
        {
            presented = c is null ? null : X509CertificateLoader.LoadCertificate(c.GetRawCertData());
            return true;
        });
        await ssl.AuthenticateAsClientAsync("test.example");
        return presented!;
    }
}
