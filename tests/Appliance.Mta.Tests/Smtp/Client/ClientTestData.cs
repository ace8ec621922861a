using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Tests.Smtp.Client;

internal static class ClientTestData
{
    public const string Greeting = "220 mx.test ESMTP ready";
    public const string EhloFull = "250-mx.test hello\r\n250-PIPELINING\r\n250-SIZE 10485760\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 ENHANCEDSTATUSCODES";
    public const string EhloPlain = "250-mx.test hello\r\n250 SIZE";

    public static ConnectRequest Request(IPEndPoint remote, TlsMode tls = TlsMode.Disabled, ClientTimeouts? timeouts = null, string? user = null, string? password = null) =>
        new(remote, "mx.test", null, "client.test", tls, user, password, timeouts ?? ClientTimeouts.All(TimeSpan.FromSeconds(20)));

    public static OutboundMessage Message(string content, params string[] recipients) =>
        new("sender@client.test", recipients.Select(r => new EnvelopeRecipient(r)).ToList(), Encoding.UTF8.GetBytes(content), null, DsnReturn.Default, BodyType.SevenBit, false);

    public static async Task<SmtpClientConnection> ConnectAsync(ScriptedSmtpServer server, TlsMode tls = TlsMode.Disabled, ClientTimeouts? timeouts = null)
    {
        var outcome = await SmtpClientConnection.ConnectAsync(Request(server.EndPoint, tls, timeouts), default);
        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        return outcome.Connection!;
    }

    private static readonly Lazy<X509Certificate2> Certificate = new(CreateSelfSigned);

    /// <summary>A self-signed certificate for "mx.test" (not trusted by anyone), made once per test run.</summary>
    public static X509Certificate2 SelfSigned() => Certificate.Value;

    private static X509Certificate2 CreateSelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=mx.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("mx.test");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }
}
