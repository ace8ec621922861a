using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Mta.Security.Tls;

/// <summary>
/// One TLSA record (RFC 6698 §2.1): certificate usage, selector, matching type and certificate association data.
/// The values are kept as received; <see cref="IsUsable"/> says whether SMTP DANE may use it (RFC 7672 §3.1).
/// The one TLSA model of the engine and the host: outbound DANE judges the MX's records with it
/// (<c>Delivery.Dane</c>), and inbound DANE says what to publish for our own MX (<see cref="DaneEeSpkiSha256"/>) and
/// whether a published set still covers our key (<see cref="TlsaMatcher.Matches"/>).
/// </summary>
public sealed record TlsaRecord(byte Usage, byte Selector, byte MatchingType, ReadOnlyMemory<byte> Data)
{
    /// <summary>RFC 7218 DANE-TA(2): the certificate or key of a trust anchor in the server's chain.</summary>
    public const byte DaneTa = 2;

    /// <summary>RFC 7218 DANE-EE(3): the server's own certificate or key.</summary>
    public const byte DaneEe = 3;

    /// <summary>RFC 7218 Cert(0): the full DER certificate.</summary>
    public const byte FullCertificate = 0;

    /// <summary>RFC 7218 SPKI(1): the DER SubjectPublicKeyInfo.</summary>
    public const byte SubjectPublicKeyInfo = 1;

    /// <summary>RFC 7218 Full(0): the data is the selected content itself.</summary>
    public const byte Exact = 0;

    /// <summary>RFC 7218 SHA2-256(1).</summary>
    public const byte Sha256 = 1;

    /// <summary>RFC 7218 SHA2-512(2).</summary>
    public const byte Sha512 = 2;

    /// <summary>
    /// Whether SMTP DANE can use this record: RFC 7672 §3.1.3 excludes PKIX-TA(0) and PKIX-EE(1); only selectors 0/1
    /// and matching types 0/1/2 are known (RFC 6698 §2.1.2, §2.1.3); a digest of the wrong length or empty data is
    /// malformed (RFC 7671 §4: unusable records are ignored).
    /// </summary>
    public bool IsUsable => Usage is DaneTa or DaneEe && Selector is FullCertificate or SubjectPublicKeyInfo && MatchingType switch
    {
        Exact => Data.Length > 0,
        Sha256 => Data.Length == 32,
        Sha512 => Data.Length == 64,
        _ => false,
    };

    /// <summary>Presentation form (RFC 6698 §2.2), e.g. "3 1 1 0a1b…", as TLS-RPT's policy-string wants it (RFC 8460 §4.4).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Usage} {Selector} {MatchingType} {Convert.ToHexStringLower(Data.Span)}");

    /// <summary>Usage, selector and matching type only, e.g. "3 1 1" (timeline text).</summary>
    public string Parameters => string.Create(CultureInfo.InvariantCulture, $"{Usage} {Selector} {MatchingType}");

    /// <summary>
    /// The DANE-EE(3) SPKI(1) SHA2-256(1) record of <paramref name="certificate"/>'s key, "3 1 1 &lt;hex&gt;": the form
    /// RFC 7671 §5.1 recommends for a server's own key, because it survives renewals that keep the key.
    /// </summary>
    public static TlsaRecord DaneEeSpkiSha256(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new TlsaRecord(DaneEe, SubjectPublicKeyInfo, Sha256, SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Parses the presentation form "u s m hex" (RFC 6698 §2.2: the hex may be split by white space); null
    /// when it is not one.</summary>
    public static TlsaRecord? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4) return null;
        if (!byte.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var usage)
            || !byte.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var selector)
            || !byte.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var matching)) return null;
        try { return new TlsaRecord(usage, selector, matching, Convert.FromHexString(string.Concat(parts[3..]))); }
        catch (FormatException) { return null; }
    }

    /// <summary>Equal when usage, selector, matching type and the data bytes are equal.</summary>
    public bool Equals(TlsaRecord? other) =>
        other is not null && Usage == other.Usage && Selector == other.Selector && MatchingType == other.MatchingType && Data.Span.SequenceEqual(other.Data.Span);

    /// <summary>A hash of the parameters and the data length (consistent with <see cref="Equals(TlsaRecord?)"/>).</summary>
    public override int GetHashCode() => HashCode.Combine(Usage, Selector, MatchingType, Data.Length);
}
