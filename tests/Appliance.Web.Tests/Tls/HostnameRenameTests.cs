using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Appliance.Mta.Admin;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Tls;

/// <summary>
/// Renaming the appliance (Settings or the setup wizard) applies at once to the banner, EHLO and the self-generated
/// SMTP certificate presented by STARTTLS (RFC 3207), without a restart; the new certificate is also the one the next
/// start loads. An uploaded certificate is never replaced.
/// </summary>
public sealed class HostnameRenameTests
{
    [Fact]
    public async Task A_new_hostname_reaches_banner_ehlo_and_the_self_signed_certificate_at_once()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "appliance-rename-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var factory = ApplianceFactory.WithSettings(new() { ["Appliance:Smtp:Submission"] = "127.0.0.1:0", ["Appliance:Hostname"] = "before.example.net" }, dataDir))
        {
            var port = factory.Services.GetRequiredService<IMtaStatus>().Listeners["submission"].Port;
            var before = await HandshakeAsync(port);
            Assert.Equal("220 before.example.net ESMTP ready", before.Banner);
            Assert.Equal("CN=before.example.net", before.Certificate.Subject);

            var response = await factory.CreateAdminClient().PutAsJsonAsync("/api/v1/settings", new Dictionary<string, string> { ["hostname"] = "after.example.net" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var after = await HandshakeAsync(port);
            Assert.Equal("220 after.example.net ESMTP ready", after.Banner);
            Assert.StartsWith("250-after.example.net", after.Ehlo, StringComparison.Ordinal);
            Assert.Equal("CN=after.example.net", after.Certificate.Subject);
            Assert.Contains("after.example.net", after.Certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false), StringComparison.Ordinal);
        }

        // The next start loads the renewed certificate (and would renew a stale one itself).
        using var saved = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(dataDir, "tls", "selfsigned.pfx"), password: null);
        Assert.Equal("CN=after.example.net", saved.Subject);
    }

    private sealed record Handshake(string Banner, string Ehlo, X509Certificate2 Certificate);

    /// <summary>Banner, first EHLO line, STARTTLS and the certificate the server presents.</summary>
    private static async Task<Handshake> HandshakeAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        async Task<(string First, string Last)> ReplyAsync()
        {
            string first = (await reader.ReadLineAsync())!, line = first;
            while (line.Length > 3 && line[3] == '-') line = (await reader.ReadLineAsync())!;
            return (first, line);
        }
        var banner = (await ReplyAsync()).First;
        await stream.WriteAsync("EHLO test.example\r\n"u8.ToArray());
        var ehlo = (await ReplyAsync()).First;
        await stream.WriteAsync("STARTTLS\r\n"u8.ToArray());
        Assert.StartsWith("220", (await ReplyAsync()).Last, StringComparison.Ordinal);
        X509Certificate2? presented = null;
        await using var ssl = new SslStream(stream, leaveInnerStreamOpen: true, (_, c, _, _) =>
        {
            presented = c is null ? null : X509CertificateLoader.LoadCertificate(c.GetRawCertData());
            return true;
        });
        await ssl.AuthenticateAsClientAsync("test.example");
        return new Handshake(banner, ehlo, presented!);
    }
}
