using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Security.Tls;

namespace Appliance.Web.Services.Tls;

/// <summary>
/// The TLSA record that lets DANE senders authenticate this appliance's SMTP certificate (inbound DANE): owner
/// <c>_25._tcp.&lt;MX hostname&gt;</c> (RFC 6698 §3, RFC 7672 §2.2), value <c>3 1 1 &lt;SHA-256 of the
/// SubjectPublicKeyInfo&gt;</c>: DANE-EE (usage 3), public key (selector 1), SHA-256 (matching type 1), the form RFC 7671
/// §5.1 recommends because it survives renewals that keep the key. The record model and the comparison are the
/// engine's (<see cref="TlsaRecord"/>, <see cref="TlsaMatcher"/>, shared with outbound DANE); this type only says what
/// to publish for our own MX and whether a published record still covers our key.
/// </summary>
/// <param name="Name">The owner name, without the trailing dot: <c>_25._tcp.mx.example.com</c>.</param>
/// <param name="Value">The record data: <c>3 1 1 &lt;hex&gt;</c>.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of the certificate's SubjectPublicKeyInfo.</param>
public sealed record TlsaSuggestion(string Name, string Value, string Sha256)
{
    /// <summary>The owner name for the SMTP port of <paramref name="mxHost"/> (RFC 6698 §3: _port._protocol.host).</summary>
    public static string OwnerName(string mxHost)
    {
        ArgumentNullException.ThrowIfNull(mxHost);
        return "_25._tcp." + mxHost.Trim().TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>The <c>3 1 1</c> record of <paramref name="certificate"/>'s key for <paramref name="mxHost"/>
    /// (<see cref="TlsaRecord.DaneEeSpkiSha256"/>).</summary>
    public static TlsaSuggestion For(X509Certificate2 certificate, string mxHost)
    {
        var record = TlsaRecord.DaneEeSpkiSha256(certificate);
        return new TlsaSuggestion(OwnerName(mxHost), record.ToString(), Convert.ToHexStringLower(record.Data.Span));
    }

    /// <summary>
    /// Whether a published record (presentation form "usage selector matching-type hex", <see cref="TlsaRecord.Parse"/>)
    /// matches <paramref name="certificate"/> as a DANE-EE record (<see cref="TlsaMatcher.Matches"/>: selector 0 or 1,
    /// matching type 0, 1 or 2, RFC 6698 §2.1). Null when the record cannot be judged from the leaf alone (DANE-TA or
    /// PKIX usages, which name a CA), does not parse or is unusable (RFC 7671 §4: unknown selector or matching type,
    /// a digest of the wrong length).
    /// </summary>
    public static bool? Matches(string published, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(certificate);
        return TlsaRecord.Parse(published) is { Usage: TlsaRecord.DaneEe, IsUsable: true } record
            ? TlsaMatcher.Matches(record, certificate)
            : null;
    }
}
