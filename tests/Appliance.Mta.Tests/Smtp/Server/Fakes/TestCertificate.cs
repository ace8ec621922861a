using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Configuration;
using Appliance.Mta.Smtp.Server;

namespace Appliance.Mta.Tests.Smtp.Server.Fakes;

/// <summary>One self-signed certificate for all server tests (RSA key generation is slow).</summary>
public static class TestCertificate
{
    private static readonly Lazy<X509Certificate2> Cert = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "smtpserver-tests-" + Guid.NewGuid().ToString("N"));
        return ServerCertificate.LoadOrCreate(new MtaOptions { DataDir = dir, Hostname = "mx.test" });
    });

    public static X509Certificate2 Instance => Cert.Value;
}
