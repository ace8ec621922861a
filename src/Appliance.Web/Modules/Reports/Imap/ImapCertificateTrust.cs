using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Web.Modules.Reports.Imap;

/// <summary>
/// Server certificate check of the IMAPS poller. Accepted: a certificate valid for the host under the system roots;
/// or one whose SHA-256 fingerprint (of the DER bytes) equals the mailbox's pinned value; or one valid for the host
/// that chains to the mailbox's CA file. Never "accept any": with none of these, the connection fails.
/// </summary>
public static class ImapCertificateTrust
{
    public static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, string? pinnedSha256, string? caFile)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate is null) return false;
        using var cert = new X509Certificate2(certificate);
        if (!string.IsNullOrWhiteSpace(pinnedSha256) &&
            CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Normalize(pinnedSha256)), SHA256.HashData(cert.RawData)))
            return true;
        if (string.IsNullOrWhiteSpace(caFile) || errors != SslPolicyErrors.RemoteCertificateChainErrors || !File.Exists(caFile)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.ImportFromPemFile(caFile);
        return chain.Build(cert);
    }

    /// <summary>"AB:CD:..." or "abcd..." → upper-case hex without separators.</summary>
    public static string Normalize(string fingerprint) =>
        new string(fingerprint.Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant();

    public static bool IsValidFingerprint(string? fingerprint) =>
        fingerprint is null || fingerprint.Length == 0 || Normalize(fingerprint).Length == 64 && fingerprint.All(c => Uri.IsHexDigit(c) || c is ':' or ' ');

    public static string Fingerprint(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.RawData));
}
