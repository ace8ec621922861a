using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Web.Services.Tls;

/// <summary>
/// The TLSA record that lets DANE senders authenticate this appliance's SMTP certificate (inbound DANE): owner
/// <c>_25._tcp.&lt;MX hostname&gt;</c> (RFC 6698 §3, RFC 7672 §2.2), value <c>3 1 1 &lt;SHA-256 of the
/// SubjectPublicKeyInfo&gt;</c>: DANE-EE (usage 3), public key (selector 1), SHA-256 (matching type 1), the form RFC 7671
/// §5.1 recommends because it survives renewals that keep the key. The outbound side (judging others' TLSA records)
/// lives in the engine; this type only says what to publish for our own MX and whether a published set still covers
/// our key.
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

    /// <summary>The <c>3 1 1</c> record of <paramref name="certificate"/>'s key for <paramref name="mxHost"/>.</summary>
    public static TlsaSuggestion For(X509Certificate2 certificate, string mxHost)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var hash = Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        return new TlsaSuggestion(OwnerName(mxHost), "3 1 1 " + hash, hash);
    }

    /// <summary>
    /// Whether a published record (presentation form "usage selector matching-type hex") matches
    /// <paramref name="certificate"/> as a DANE-EE record: usage 3 with selector 0 (whole certificate) or 1 (public key)
    /// and matching type 0 (exact), 1 (SHA-256) or 2 (SHA-512), RFC 6698 §2.1. Null when the record cannot be judged
    /// from the leaf alone (DANE-TA or PKIX usages, which name a CA) or does not parse (RFC 7671 §4: unusable).
    /// </summary>
    public static bool? Matches(string published, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(certificate);
        var parts = published.Split((char[]?)null, 4, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4
            || !byte.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var usage)
            || !byte.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var selector)
            || !byte.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var matching))
            return null;
        byte[] data;
        try
        {
            data = Convert.FromHexString(string.Concat(parts[3].Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            return null;
        }
        if (usage != 3) return null;
        byte[]? selected = selector switch
        {
            0 => certificate.RawData,
            1 => certificate.PublicKey.ExportSubjectPublicKeyInfo(),
            _ => null,
        };
        byte[]? expected = selected is null ? null : matching switch
        {
            0 => selected,
            1 => SHA256.HashData(selected),
            2 => SHA512.HashData(selected),
            _ => null,
        };
        return expected is null ? null : CryptographicOperations.FixedTimeEquals(expected, data);
    }
}
