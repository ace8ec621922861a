namespace Appliance.Mta.Dkim;

/// <summary>
/// The buffers and the SHA-256 state one signing needs, kept per thread so that signing a message allocates only its
/// result: the canonical header data, the DKIM-Signature fields being built, the body hasher and a chunk buffer
/// for bodies that continue in a spill file. Signing is synchronous, so a thread never uses two at once.
/// </summary>
internal sealed class DkimSigningScratch
{
    [ThreadStatic]
    private static DkimSigningScratch? t_current;

    private byte[]? _chunk;

    /// <summary>This thread's scratch.</summary>
    public static DkimSigningScratch Current => t_current ??= new DkimSigningScratch();

    /// <summary>The canonicalised signed header fields, then one DKIM-Signature field at a time (RFC 6376 §3.7).</summary>
    public DkimByteBuffer Canonical { get; } = new(2048);

    /// <summary>The DKIM-Signature fields to prepend.</summary>
    public DkimByteBuffer Fields { get; } = new(2048);

    /// <summary>The relaxed body canonicaliser and its SHA-256.</summary>
    public DkimRelaxedBodyHasher Body { get; } = new();

    /// <summary>Ed25519 (BouncyCastle) takes arrays: the header hash and the signature.</summary>
    public byte[] Hash { get; } = new byte[32];

    /// <inheritdoc cref="Hash"/>
    public byte[] Ed25519Signature { get; } = new byte[64];

    /// <summary>A buffer for reading a spill file in chunks (allocated on the first large message).</summary>
    public byte[] Chunk => _chunk ??= new byte[64 * 1024];
}
