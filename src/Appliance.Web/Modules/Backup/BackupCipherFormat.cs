using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Appliance.Web.Modules.Backup;

/// <summary>
/// The encrypted backup format (AES-256-GCM in chunks, the STREAM construction):
/// a 66-byte header: magic "APLBKENC", version 1, KDF (1 = PBKDF2-HMAC-SHA256 of a passphrase, 2 = HKDF-SHA256 of a
/// 32-byte key), iterations (uint32 BE), a random 32-byte salt, the chunk size (uint32 BE) and a 16-byte key check
/// (HMAC-SHA256 of the file key, truncated) that tells a wrong passphrase from a damaged file; then chunks of
/// [final flag (1 byte)][length (uint32 BE)][ciphertext][16-byte tag]. The nonce is the chunk counter (so chunks cannot
/// be reordered), the associated data is the header plus the chunk's flag and length (so the header cannot be changed
/// and the end cannot be cut off unnoticed: only the last chunk carries the final flag).
/// </summary>
internal static class BackupCipherFormat
{
    public static ReadOnlySpan<byte> Magic => "APLBKENC"u8;
    public const byte Version = 1;
    public const byte KdfPbkdf2 = 1;
    public const byte KdfHkdf = 2;
    public const int SaltLength = 32;
    public const int CheckLength = 16;
    public const int HeaderLength = 8 + 1 + 1 + 4 + SaltLength + 4 + CheckLength;
    public const int ChunkHeaderLength = 5;
    public const int TagLength = 16;
    public const int DefaultChunkSize = 64 * 1024;
    public const int MaxChunkSize = 4 * 1024 * 1024;
    public const int MinIterations = 100_000;
    public const int MaxIterations = 10_000_000;

    public static byte[] KeyCheck(byte[] fileKey) => HMACSHA256.HashData(fileKey, "appliance backup key check"u8)[..CheckLength];

    public static byte[] Header(byte kdf, int iterations, byte[] salt, int chunkSize, byte[] check)
    {
        var header = new byte[HeaderLength];
        Magic.CopyTo(header);
        header[8] = Version;
        header[9] = kdf;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(10), (uint)iterations);
        salt.CopyTo(header, 14);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(14 + SaltLength), (uint)chunkSize);
        check.CopyTo(header, 18 + SaltLength);
        return header;
    }

    public static void Nonce(Span<byte> nonce, long counter)
    {
        nonce.Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce[4..], counter);
    }

    public static byte[] AssociatedData(byte[] header, ReadOnlySpan<byte> chunkHeader)
    {
        var aad = new byte[header.Length + chunkHeader.Length];
        header.CopyTo(aad, 0);
        chunkHeader.CopyTo(aad.AsSpan(header.Length));
        return aad;
    }
}
