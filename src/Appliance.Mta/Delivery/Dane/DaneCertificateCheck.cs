using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Security.Tls;

namespace Appliance.Mta.Delivery.Dane;

/// <summary>
/// Checks a server's certificate chain against a TLSA RRset for SMTP (RFC 7672 §3, RFC 7671, RFC 6698 §2.1).
/// DANE-EE(3) matches the end-entity certificate or key only, with no name and no expiry check (RFC 7672 §3.1.1);
/// DANE-TA(2) matches a trust anchor among the certificates the server presented, and the end-entity must chain to it,
/// be within its validity and name the MX host or the next-hop domain (RFC 7672 §3.1.2, §3.2.2). Unusable records
/// are ignored (RFC 7671 §4). One record against one certificate is <see cref="TlsaMatcher.Matches"/>.
/// </summary>
public static class DaneCertificateCheck
{
    /// <param name="leaf">The server's end-entity certificate.</param>
    /// <param name="presented">The other certificates the server sent (intermediates, possibly the trust anchor).</param>
    /// <param name="records">The TLSA RRset (usable and unusable).</param>
    /// <param name="referenceNames">RFC 7672 §3.2.2 reference identifiers: the MX host name (TLSA base domain) and the next-hop domain.</param>
    /// <param name="now">The time a DANE-TA chain must be valid at.</param>
    public static DaneVerdict Check(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> presented, IReadOnlyList<TlsaRecord> records,
        IReadOnlyList<string> referenceNames, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(referenceNames);
        var usable = records.Where(r => r.IsUsable).ToList();
        if (usable.Count == 0) return DaneVerdict.Failure(DaneResultTypes.TlsaInvalid, "no usable TLSA record");

        // RFC 7672 §3.1.1: DANE-EE: the key (or certificate) is all that counts.
        foreach (var record in usable.Where(r => r.Usage == TlsaRecord.DaneEe))
        {
            if (TlsaMatcher.Matches(record, leaf)) return DaneVerdict.Success(record, $"DANE-EE {record.Parameters} matched the server certificate");
        }

        DaneVerdict? taFailure = null;
        var issuers = presented.Where(c => !c.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)).ToList();
        foreach (var record in usable.Where(r => r.Usage == TlsaRecord.DaneTa))
        {
            foreach (var anchor in issuers.Where(c => TlsaMatcher.Matches(record, c)))
            {
                var verdict = CheckTrustAnchorChain(record, anchor, leaf, issuers, referenceNames, now);
                if (verdict.Verified) return verdict;
                taFailure ??= verdict;
            }
        }
        return taFailure ?? DaneVerdict.Failure(DaneResultTypes.TlsaInvalid,
            $"no TLSA record matches the certificate chain of {Subject(leaf)} ({string.Join(", ", usable.Select(r => r.Parameters).Distinct())})");
    }

    private static DaneVerdict CheckTrustAnchorChain(TlsaRecord record, X509Certificate2 anchor, X509Certificate2 leaf,
        IReadOnlyList<X509Certificate2> issuers, IReadOnlyList<string> referenceNames, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(anchor);
        foreach (var c in issuers) chain.ChainPolicy.ExtraStore.Add(c);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        var built = chain.Build(leaf);
        if (!built)
        {
            var status = chain.ChainStatus.Select(s => s.Status).Aggregate(X509ChainStatusFlags.NoError, (a, b) => a | b);
            // RFC 7672 §3.1.2: with DANE-TA the validity dates of the chain are checked.
            return (status & X509ChainStatusFlags.NotTimeValid) != 0
                ? DaneVerdict.Failure(DaneResultTypes.CertificateExpired, $"DANE-TA {record.Parameters}: the certificate of {Subject(leaf)} is expired or not yet valid")
                : DaneVerdict.Failure(DaneResultTypes.TlsaInvalid, $"DANE-TA {record.Parameters}: {Subject(leaf)} does not chain to the trust anchor ({status})");
        }
        // RFC 7672 §3.2.2: the end-entity must name the MX host (TLSA base domain) or the next-hop domain.
        var names = TlsaMatcher.DnsNames(leaf);
        if (!referenceNames.Any(r => names.Any(n => TlsaMatcher.NameMatches(n, r))))
            return DaneVerdict.Failure(DaneResultTypes.CertificateHostMismatch,
                $"DANE-TA {record.Parameters}: the certificate names {string.Join(", ", names)}, not {string.Join(" or ", referenceNames)}");
        return DaneVerdict.Success(record, $"DANE-TA {record.Parameters} chain verified for {string.Join(", ", names)}");
    }

    private static string Subject(X509Certificate2 c) => c.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } n ? n : c.Subject;
}
