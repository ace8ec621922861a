using System.Buffers;
using System.Text;
using MimeKit;
using MimeKit.Cryptography;

namespace Appliance.Mta.Dkim;

/// <summary>
/// Computes DKIM-Signature header fields (RFC 6376, RFC 8463) for a message with MimeKit's DkimSigner:
/// relaxed/relaxed, the <see cref="DkimHeaderSelection.Signed"/> fields with From over-signed, d= the plan's domain.
/// The message bytes are never rewritten: only the header block is parsed (into MimeKit header objects that keep
/// the raw bytes), the body is hashed as it is (<see cref="DkimRawBody"/>), and the caller prepends the returned
/// fields, so every signature already on the message stays valid.
/// RSA signatures are made by .NET's RSA (OpenSSL) through <see cref="DkimNativeRsaSigner"/> unless
/// <paramref name="nativeRsa"/> is false (MimeKit's BouncyCastle RSA, kept for the benchmark comparison).
/// </summary>
public sealed class DkimMessageSigner(TimeProvider time, bool nativeRsa)
{
    private static readonly FormatOptions Format = CreateFormat();
    private readonly DkimPrivateKeyCache _keys = new();

    /// <summary>A signer on the system clock.</summary>
    public DkimMessageSigner() : this(TimeProvider.System) { }

    /// <summary>A signer whose signature times (t=, RFC 6376 §3.5) come from <paramref name="time"/>.</summary>
    public DkimMessageSigner(TimeProvider time) : this(time, nativeRsa: true) { }

    /// <summary>
    /// The DKIM-Signature fields to prepend, one per key of the plan in plan order, each CRLF-terminated, or an
    /// empty array when the message has no header block with a From field (RFC 6376 §5.4: From MUST be signed).
    /// </summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A key of the plan is unreadable.</exception>
    public byte[] Sign(ReadOnlySequence<byte> message, DkimSigningPlan plan) =>
        DkimParsedMessage.TryParse(message, out var parsed) ? Sign(parsed, plan) : [];

    /// <inheritdoc cref="Sign(ReadOnlySequence{byte}, DkimSigningPlan)"/>
    public byte[] Sign(DkimParsedMessage message, DkimSigningPlan plan)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(plan);
        var fields = DkimHeaderSelection.For(message.Headers);
        if (fields is null || plan.Keys.Count == 0) return [];
        var mime = new MimeMessage(message.Headers) { Body = new DkimRawBody(message.Headers, message.Body, message.Spill) };
        var output = new StringBuilder(600 * plan.Keys.Count);
        foreach (var key in plan.Keys)
        {
            var cached = _keys.Get(key);
            var signer = new DkimTimedSigner(cached.BouncyCastle, nativeRsa ? cached.Native : null, plan.Domain, key.Selector, ToMimeKit(key.Algorithm), time)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
            signer.Sign(Format, mime, fields);
            var signature = mime.Headers[0];
            mime.Headers.RemoveAt(0);
            AppendField(output, signature);
        }
        return Encoding.ASCII.GetBytes(output.ToString());
    }

    /// <summary>The message with <paramref name="fields"/> in front; the message's own memory is linked, not copied.</summary>
    public static ReadOnlySequence<byte> Prepend(byte[] fields, ReadOnlySequence<byte> message) =>
        Reception.LinkedSegment.Prepend(fields, message);

    /// <summary>The field as MimeKit formatted it, with every line end made CRLF (MimeKit folds with the platform's
    /// newline). Relaxed header canonicalisation (RFC 6376 §3.4.2) unfolds, so the signature does not depend on it.</summary>
    private static void AppendField(StringBuilder output, Header signature)
    {
        var raw = Encoding.ASCII.GetString(signature.RawValue);
        output.Append(signature.Field).Append(':');
        var normalized = raw.ReplaceLineEndings("\r\n");
        output.Append(normalized);
        if (!normalized.EndsWith("\r\n", StringComparison.Ordinal)) output.Append("\r\n");
    }

    private static DkimSignatureAlgorithm ToMimeKit(DkimKeyAlgorithm algorithm) => algorithm switch
    {
        DkimKeyAlgorithm.RsaSha256 => DkimSignatureAlgorithm.RsaSha256,
        DkimKeyAlgorithm.Ed25519Sha256 => DkimSignatureAlgorithm.Ed25519Sha256,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
