using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Appliance.Mta.Dkim;

/// <summary>
/// Computes DKIM-Signature header fields (RFC 6376, RFC 8463) straight from the message bytes: relaxed/relaxed, the
/// <see cref="DkimHeaderSelection.Signed"/> fields with From over-signed, d= the plan's domain, t= from the injected
/// clock. The header block is only scanned for field boundaries (<see cref="DkimParsedMessage"/>), the signed fields
/// are canonicalised from their raw bytes (<see cref="DkimRelaxedHeader"/>) and the body is canonicalised and hashed
/// in one streaming pass (<see cref="DkimRelaxedBodyHasher"/>), once for all the plan's keys (dual signing shares
/// bh=). No MIME parse, no strings per header line; buffers are per thread (<see cref="DkimSigningScratch"/>), keys
/// parsed once (<see cref="DkimPrivateKeyCache"/>). RSA signs with .NET's RSA (OpenSSL), Ed25519 with BouncyCastle.
/// The message bytes are never rewritten: the caller prepends the returned fields, so every signature already on
/// the message stays valid.
/// </summary>
public sealed class DkimMessageSigner(TimeProvider time)
{
    /// <summary>RFC 5322 §2.1.1: lines SHOULD be at most 78 characters; the fields are folded to stay within it.</summary>
    private const int LineLimit = 78;

    private readonly DkimPrivateKeyCache _keys = new();

    /// <summary>A signer on the system clock.</summary>
    public DkimMessageSigner() : this(TimeProvider.System) { }

    /// <summary>
    /// The DKIM-Signature fields to prepend, one per key of the plan in plan order, each CRLF-terminated, or an
    /// empty array when the message has no header block with a From field (RFC 6376 §5.4: From MUST be signed).
    /// </summary>
    /// <exception cref="CryptographicException">A key of the plan is unreadable.</exception>
    public byte[] Sign(ReadOnlySequence<byte> message, DkimSigningPlan plan) =>
        DkimParsedMessage.TryParse(message, out var parsed) ? Sign(parsed, plan) : [];

    /// <inheritdoc cref="Sign(ReadOnlySequence{byte}, DkimSigningPlan)"/>
    public byte[] Sign(DkimParsedMessage message, DkimSigningPlan plan)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(plan);
        var names = DkimHeaderSelection.For(message);
        if (names is null || plan.Keys.Count == 0) return [];
        var scratch = DkimSigningScratch.Current;
        var canonical = scratch.Canonical;
        canonical.Length = 0;
        AppendSignedFields(message, names, canonical);
        var signedFieldsLength = canonical.Length;
        Span<byte> bodyHash = stackalloc byte[SHA256.HashSizeInBytes];
        HashBody(message, scratch.Body, scratch, bodyHash);
        Span<byte> rsaSignature = stackalloc byte[1024]; // up to 8192-bit keys
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var output = scratch.Fields;
        output.Length = 0;
        foreach (var key in plan.Keys)
        {
            var entry = _keys.Get(key);
            var start = output.Length;
            WriteFieldWithEmptyB(output, key, plan.Domain, timestamp, names, bodyHash);
            // RFC 6376 §3.7: the header hash covers the signed fields, then this DKIM-Signature field canonicalised
            // with an empty b= value and without its trailing CRLF.
            canonical.Length = signedFieldsLength;
            DkimRelaxedHeader.Append(canonical, output.Written[start..], "DKIM-Signature".Length, crlf: false);
            SHA256.HashData(canonical.Written, scratch.Hash);
            scoped ReadOnlySpan<byte> signature;
            if (key.Algorithm == DkimKeyAlgorithm.RsaSha256)
            {
                // rsa-sha256 (RFC 6376 §3.3.1): RSASSA-PKCS1-v1_5 over the SHA-256 hash.
                var rsa = entry.Native!;
                var target = rsa.KeySize / 8 <= rsaSignature.Length ? rsaSignature : new byte[rsa.KeySize / 8];
                if (!rsa.TrySignHash(scratch.Hash, target, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out var written))
                    throw new CryptographicException("RSA signature did not fit");
                signature = target[..written];
            }
            else
            {
                // ed25519-sha256 (RFC 8463 §3): PureEdDSA Ed25519 over the SHA-256 hash.
                ((Ed25519PrivateKeyParameters)entry.BouncyCastle).Sign(Ed25519.Algorithm.Ed25519, null, scratch.Hash, 0, scratch.Hash.Length, scratch.Ed25519Signature, 0);
                signature = scratch.Ed25519Signature;
            }
            WriteBase64Folded(output, signature);
            output.Write("\r\n"u8);
        }
        return output.Written.ToArray();
    }

    /// <summary>The message with <paramref name="fields"/> in front; the message's own memory is linked, not copied.</summary>
    public static ReadOnlySequence<byte> Prepend(byte[] fields, ReadOnlySequence<byte> message) =>
        Reception.LinkedSegment.Prepend(fields, message);

    /// <summary>
    /// RFC 6376 §5.4.2: each name of h= takes the last not yet signed instance of that field, bottom-up; a name with
    /// no instance left (the over-signed From) contributes nothing (§5.4, "nonexistent header field").
    /// </summary>
    private static void AppendSignedFields(DkimParsedMessage message, List<string> names, DkimByteBuffer canonical)
    {
        var count = message.FieldCount;
        Span<bool> used = count <= 256 ? stackalloc bool[count] : new bool[count];
        var block = message.HeaderBlock.Span;
        foreach (var name in names)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                if (used[i] || !message.IsNamed(i, name)) continue;
                used[i] = true;
                var field = message.Field(i);
                DkimRelaxedHeader.Append(canonical, block.Slice(field.Start, field.Length), field.NameLength);
                break;
            }
        }
    }

    /// <summary>bh= (RFC 6376 §3.7): the relaxed canonical body, from memory and then from the spill file in chunks.</summary>
    private static void HashBody(DkimParsedMessage message, DkimRelaxedBodyHasher hasher, DkimSigningScratch scratch, Span<byte> destination)
    {
        hasher.Reset();
        foreach (var segment in message.Body) hasher.Append(segment.Span);
        if (message.Spill is { } spill)
        {
            var chunk = scratch.Chunk;
            long offset = 0;
            int n;
            while ((n = spill.Read(offset, chunk)) > 0)
            {
                hasher.Append(chunk.AsSpan(0, n));
                offset += n;
            }
        }
        hasher.Finish(destination);
    }

    /// <summary>The field up to and including "b=" (RFC 6376 §3.5 tags), folded at tag and h= name boundaries.</summary>
    private static void WriteFieldWithEmptyB(DkimByteBuffer output, DkimSigningKey key, string domain, long timestamp, List<string> names, ReadOnlySpan<byte> bodyHash)
    {
        var lineStart = output.Length;
        output.Write("DKIM-Signature: v=1;"u8);
        var folder = new Folder(output, lineStart);
        folder.Tag(key.Algorithm == DkimKeyAlgorithm.RsaSha256 ? "a=rsa-sha256;"u8 : "a=ed25519-sha256;"u8);
        folder.Tag("c=relaxed/relaxed;"u8);
        folder.Tag("d="u8, domain);
        folder.Tag("s="u8, key.Selector);
        Span<byte> digits = stackalloc byte[24];
        "t="u8.CopyTo(digits);
        Utf8Formatter.TryFormat(timestamp, digits[2..], out var written);
        digits[2 + written] = (byte)';';
        folder.Tag(digits[..(written + 3)]);
        // h= (RFC 6376 §3.5): names separated by ':', folded after a ':' where the line would get too long.
        folder.Tag("h="u8, names[0], names.Count == 1 ? ";" : ":");
        for (var i = 1; i < names.Count; i++) folder.Continue(names[i], i == names.Count - 1 ? ";" : ":");
        Span<byte> bh = stackalloc byte[3 + 44 + 1];
        "bh="u8.CopyTo(bh);
        Base64.EncodeToUtf8(bodyHash, bh[3..], out _, out var encoded);
        bh[3 + encoded] = (byte)';';
        folder.Tag(bh[..(encoded + 4)]);
        folder.Tag("b="u8);
    }

    /// <summary>The b= value in base64 (RFC 6376 §3.5), folded with FWS, which a verifier removes (§3.5, base64string).</summary>
    private static void WriteBase64Folded(DkimByteBuffer output, ReadOnlySpan<byte> signature)
    {
        Span<byte> text = stackalloc byte[Base64.GetMaxEncodedToUtf8Length(signature.Length)];
        Base64.EncodeToUtf8(signature, text, out _, out var length);
        text = text[..length];
        // The current line already holds " b="; find its start to know the room left.
        var written = output.Written;
        var lastLf = written.LastIndexOf((byte)'\n');
        var used = written.Length - (lastLf + 1);
        while (!text.IsEmpty)
        {
            var room = Math.Max(LineLimit - used, 16);
            var take = Math.Min(room, text.Length);
            output.Write(text[..take]);
            text = text[take..];
            if (text.IsEmpty) break;
            output.Write("\r\n\t"u8);
            used = 1;
        }
    }

    /// <summary>Writes tags separated by SP, starting a folded line (CRLF TAB, RFC 5322 §2.2.3) when the next one
    /// would pass <see cref="LineLimit"/>.</summary>
    private struct Folder(DkimByteBuffer output, int lineStart)
    {
        private int _lineStart = lineStart;

        public void Tag(ReadOnlySpan<byte> tag)
        {
            Separate(tag.Length);
            output.Write(tag);
        }

        public void Tag(ReadOnlySpan<byte> name, string value, string end = ";")
        {
            Separate(name.Length + value.Length + end.Length);
            output.Write(name);
            output.WriteAscii(value);
            output.WriteAscii(end);
        }

        /// <summary>The next name of a list after a ':', on a new line only when it would not fit.</summary>
        public void Continue(string value, string end)
        {
            if (output.Length - _lineStart + value.Length + end.Length > LineLimit) NewLine();
            output.WriteAscii(value);
            output.WriteAscii(end);
        }

        private void Separate(int length)
        {
            if (output.Length - _lineStart + 1 + length > LineLimit)
            {
                NewLine();
            }
            else
            {
                output.Write((byte)' ');
            }
        }

        private void NewLine()
        {
            output.Write("\r\n\t"u8);
            _lineStart = output.Length - 1;
        }
    }
}
