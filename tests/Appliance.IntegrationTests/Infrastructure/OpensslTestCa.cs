using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away CA made with the openssl command line at test time (EC P-256), issuing server certificates with a
/// subjectAltName; the PEM files stay in the work directory, and the TLSA association data is computed from them
/// (RFC 6698 §2.1: full certificate or SubjectPublicKeyInfo, SHA-256).
/// </summary>
public sealed class OpensslTestCa
{
    private readonly string _dir;

    private OpensslTestCa(string dir) => _dir = dir;

    public string CertificatePath => Path.Combine(_dir, "ca.pem");

    public static async Task<OpensslTestCa> CreateAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        var ca = new OpensslTestCa(dir);
        await ca.RunAsync(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "7",
            "-subj", "/CN=DANE Test CA", "-keyout", "ca.key", "-out", "ca.pem",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    /// <summary>Issues a certificate for <paramref name="dnsName"/>; returns (certificate PEM path, key PEM path).</summary>
    public async Task<(string Certificate, string Key)> IssueAsync(string dnsName)
    {
        var stem = Path.Combine(_dir, dnsName);
        await File.WriteAllTextAsync(stem + ".ext", $"subjectAltName=DNS:{dnsName}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
        await RunAsync("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", $"/CN={dnsName}",
            "-keyout", stem + ".key", "-out", stem + ".csr");
        await RunAsync("x509", "-req", "-in", stem + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "5",
            "-extfile", stem + ".ext", "-out", stem + ".pem");
        return (stem + ".pem", stem + ".key");
    }

    /// <summary>Hex SHA-256 of the certificate's SubjectPublicKeyInfo (TLSA "x 1 1").</summary>
    public static string SpkiSha256(string pemPath)
    {
        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(pemPath));
        return Convert.ToHexStringLower(SHA256.HashData(cert.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Hex SHA-256 of the full certificate (TLSA "x 0 1").</summary>
    public static string CertificateSha256(string pemPath)
    {
        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(pemPath));
        return Convert.ToHexStringLower(SHA256.HashData(cert.RawData));
    }

    private async Task RunAsync(params string[] args)
    {
        var (code, output) = await ProcessRunner.RunAsync(SignedZoneDns.Openssl, args, TimeSpan.FromSeconds(30), workingDirectory: _dir);
        if (code != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed ({code}): {output}");
        }
    }
}
