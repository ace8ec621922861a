using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Mta.Security.Tls;

/// <summary>
/// Compares one certificate with one TLSA record (RFC 6698 §2.1.2, §2.1.3) and reads and matches the certificate's
/// DNS names for SMTP (RFC 7672 §3.2.3). Shared by outbound DANE (<c>Delivery.Dane.DaneCertificateCheck</c>, which
/// adds the chain, usage and name rules of RFC 7672 §3) and inbound DANE (does the TLSA record published for our MX
/// still match our certificate). Unusable records never match (RFC 7671 §4).
/// </summary>
public static class TlsaMatcher
{
    /// <summary>RFC 6698 §2.1.2/§2.1.3: select the full certificate (0) or its SubjectPublicKeyInfo (1), then compare
    /// exactly (0) or by SHA-256 (1) / SHA-512 (2).</summary>
    public static bool Matches(TlsaRecord record, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(certificate);
        if (!record.IsUsable) return false;
        var selected = record.Selector == TlsaRecord.FullCertificate
            ? certificate.RawData
            : certificate.PublicKey.ExportSubjectPublicKeyInfo();
        var expected = record.Data.Span;
        return record.MatchingType switch
        {
            TlsaRecord.Exact => expected.SequenceEqual(selected),
            TlsaRecord.Sha256 => expected.SequenceEqual(SHA256.HashData(selected)),
            TlsaRecord.Sha512 => expected.SequenceEqual(SHA512.HashData(selected)),
            _ => false,
        };
    }

    /// <summary>RFC 7672 §3.2.3: the DNS-IDs of the subjectAltName; the CN only when there is no DNS-ID (RFC 6125 §6.4.4).</summary>
    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var names = san?.EnumerateDnsNames().ToList() ?? [];
        if (names.Count == 0 && certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } cn) names.Add(cn);
        return names;
    }

    /// <summary>Case-insensitive, trailing dot ignored; a wildcard only as the whole leftmost label, matching one label (RFC 7672 §3.2.3).</summary>
    public static bool NameMatches(string presented, string reference)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(reference);
        var p = presented.TrimEnd('.');
        var r = reference.TrimEnd('.');
        if (p.StartsWith("*.", StringComparison.Ordinal))
        {
            var dot = r.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 && p.Length > 2 && string.Equals(p[2..], r[(dot + 1)..], StringComparison.OrdinalIgnoreCase);
        }
        return string.Equals(p, r, StringComparison.OrdinalIgnoreCase);
    }
}
