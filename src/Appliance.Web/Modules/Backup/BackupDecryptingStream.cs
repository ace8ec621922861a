using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Appliance.Web.Modules.Backup;

/// <summary>
/// Read-only stream over a <see cref="BackupCipherFormat"/> archive: every chunk is authenticated before a byte of it
/// is returned, so a changed, reordered, cut or appended byte ends the read with a <see cref="BackupException"/>.
/// </summary>
public sealed class BackupDecryptingStream : Stream
{
    private readonly Stream _source;
    private readonly AesGcm _aes;
    private readonly byte[] _header;
    private readonly int _chunkSize;
    private byte[] _plain = [];
    private int _position;
    private long _counter;
    private bool _final;

    private BackupDecryptingStream(Stream source, byte[] fileKey, byte[] header, int chunkSize)
    {
        _source = source;
        _aes = new AesGcm(fileKey, BackupCipherFormat.TagLength);
        _header = header;
        _chunkSize = chunkSize;
    }

    /// <summary>True when <paramref name="start"/> (the first bytes of a file) is an encrypted backup.</summary>
    public static bool IsEncrypted(ReadOnlySpan<byte> start) => start.StartsWith(BackupCipherFormat.Magic);

    /// <summary>Reads the header, derives the file key and checks it.</summary>
    /// <exception cref="BackupException">Not this format, unsupported parameters, or the wrong passphrase or key.</exception>
    public static BackupDecryptingStream Open(Stream source, BackupKey key)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(key);
        var header = new byte[BackupCipherFormat.HeaderLength];
        if (source.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !IsEncrypted(header))
            throw new BackupException("not an encrypted appliance backup (header missing)");
        if (header[8] != BackupCipherFormat.Version) throw new BackupException($"unsupported encrypted backup version {header[8]}");
        var kdf = header[9];
        var iterations = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(10)), int.MaxValue);
        var salt = header.AsSpan(14, BackupCipherFormat.SaltLength).ToArray();
        var chunkSize = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(14 + BackupCipherFormat.SaltLength)), int.MaxValue);
        var check = header.AsSpan(18 + BackupCipherFormat.SaltLength, BackupCipherFormat.CheckLength);
        if (chunkSize is < 1 or > BackupCipherFormat.MaxChunkSize) throw new BackupException("the encrypted backup's header is damaged (chunk size)");
        if (kdf is not (BackupCipherFormat.KdfPbkdf2 or BackupCipherFormat.KdfHkdf)) throw new BackupException("the encrypted backup's header is damaged (KDF)");
        if ((kdf == BackupCipherFormat.KdfPbkdf2) != key.IsPassphrase)
            throw new BackupException(kdf == BackupCipherFormat.KdfPbkdf2 ? "this backup was encrypted with a passphrase: give --passphrase-file" : "this backup was encrypted with a key file: give --key-file");
        if (key.IsPassphrase && iterations is < BackupCipherFormat.MinIterations or > BackupCipherFormat.MaxIterations)
            throw new BackupException($"the encrypted backup's header is damaged (PBKDF2 iterations {iterations})");
        var fileKey = key.Derive(salt, iterations);
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(BackupCipherFormat.KeyCheck(fileKey), check))
                throw new BackupException("wrong backup passphrase or key (or a damaged header)");
            return new BackupDecryptingStream(source, fileKey, header, chunkSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fileKey);
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_position == _plain.Length)
        {
            if (_final) return 0;
            NextChunk();
        }
        var n = Math.Min(buffer.Length, _plain.Length - _position);
        _plain.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    // The source is a local file (offline restore): synchronous reads are fine.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    private void NextChunk()
    {
        var chunkHeader = new byte[BackupCipherFormat.ChunkHeaderLength];
        if (_source.ReadAtLeast(chunkHeader, chunkHeader.Length, throwOnEndOfStream: false) < chunkHeader.Length)
            throw new BackupException("the encrypted backup is truncated (its final chunk is missing)");
        var length = BinaryPrimitives.ReadUInt32BigEndian(chunkHeader.AsSpan(1));
        if (chunkHeader[0] > 1 || length > _chunkSize) throw Tampered();
        var sealedChunk = new byte[length + BackupCipherFormat.TagLength];
        if (_source.ReadAtLeast(sealedChunk, sealedChunk.Length, throwOnEndOfStream: false) < sealedChunk.Length)
            throw new BackupException("the encrypted backup is truncated");
        var plain = new byte[length];
        Span<byte> nonce = stackalloc byte[12];
        BackupCipherFormat.Nonce(nonce, _counter++);
        try
        {
            _aes.Decrypt(nonce, sealedChunk.AsSpan(0, (int)length), sealedChunk.AsSpan((int)length), plain, BackupCipherFormat.AssociatedData(_header, chunkHeader));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Tampered();
        }
        _plain = plain;
        _position = 0;
        _final = chunkHeader[0] == 1;
        if (_final && _source.ReadByte() >= 0) throw new BackupException("the encrypted backup has data after its final chunk (altered)");
    }

    private static BackupException Tampered() => new("the encrypted backup was altered or damaged (authentication failed)");

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _aes.Dispose();
        base.Dispose(disposing);
    }
}
