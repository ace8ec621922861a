using System.Buffers;
using System.Text;
using Appliance.Mta.Dkim;
using MimeKit;
using MimeKit.Cryptography;

namespace Appliance.Mta.Tests.Dkim;

/// <summary>
/// The signer the engine used before issue 22 (MimeKit's DkimSigner over a parsed HeaderList and the raw body,
/// BouncyCastle keys), kept as an independent second implementation: the engine's own canonicalisation must give
/// the same bh= and h= on every test message.
/// </summary>
internal static class MimeKitReferenceSigner
{
    /// <summary>The DKIM-Signature field MimeKit computes for the first key of <paramref name="plan"/>, unfolded;
    /// null when the message has no header block.</summary>
    public static string? Sign(byte[] message, DkimSigningPlan plan, IList<string> fields)
    {
        var end = message.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0 || message.AsSpan().StartsWith("\r\n"u8)) return null;
        var headers = HeaderList.Load(ParserOptions.Default, new MemoryStream(message, 0, end + 4));
        var body = new ReadOnlySequence<byte>(message, end + 4, message.Length - end - 4);
        var mime = new MimeMessage(headers) { Body = new MimeKitRawBody(headers, body) };
        var key = plan.Keys[0];
        var signer = new DkimSigner(DkimPublicKey.ReadPrivateKey(key.Algorithm, key.PrivateKeyPem), plan.Domain, key.Selector,
            key.Algorithm == DkimKeyAlgorithm.RsaSha256 ? DkimSignatureAlgorithm.RsaSha256 : DkimSignatureAlgorithm.Ed25519Sha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        signer.Sign(format, mime, fields);
        return "DKIM-Signature:" + Encoding.ASCII.GetString(mime.Headers[0].RawValue);
    }
}
