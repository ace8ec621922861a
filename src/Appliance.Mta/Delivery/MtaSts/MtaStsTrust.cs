using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>
/// Certificate validation for the policy fetch and the MX check (RFC 8461 §3.3, §4.2): the system roots, plus
/// optional extra roots (X509ChainTrustMode.CustomRootTrust) so tests and private PKIs can use their own CA.
/// Gives the RFC 8460 §4.3 result type of a failure.
/// </summary>
public sealed class MtaStsTrust
{
    private readonly X509Certificate2Collection _extraRoots;

    /// <summary>
    /// Trust in the system roots plus <paramref name="extraRoots"/> (null or empty: system roots only).
    /// </summary>
    public MtaStsTrust(X509Certificate2Collection? extraRoots = null) => _extraRoots = extraRoots ?? [];

    /// <summary>
    /// Trust built from <see cref="MtaStsOptions.ExtraTrustedCaFile"/> (a PEM file of root CAs), or system roots only
    /// when it is not set.
    /// </summary>
    public static MtaStsTrust FromOptions(MtaStsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roots = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(options.ExtraTrustedCaFile)) roots.ImportFromPemFile(options.ExtraTrustedCaFile);
        return new MtaStsTrust(roots);
    }

    /// <summary>Null when the certificate is valid for the host; else the RFC 8460 result type.</summary>
    public string? Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)) return "certificate-not-trusted";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return "certificate-host-mismatch";
        if (errors == SslPolicyErrors.None) return null;
        using var leaf = new X509Certificate2(certificate);
        if (leaf.NotAfter < DateTime.Now) return "certificate-expired";
        if (_extraRoots.Count == 0) return "certificate-not-trusted";
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        return custom.Build(leaf) ? null : "certificate-not-trusted";
    }
}
