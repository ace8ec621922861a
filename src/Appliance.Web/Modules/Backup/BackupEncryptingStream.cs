using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Appliance.Web.Modules.Backup;

/// <summary>
/// Write-only stream that encrypts what is written into <see cref="BackupCipherFormat"/> on the destination. Only
/// <see cref="FinishAsync"/> writes the final chunk: an archive whose writing failed half-way can never pass as complete.
/// </summary>
public sealed class BackupEncryptingStream : Stream
{
    private readonly Stream _destination;
    private readonly AesGcm _aes;
    private readonly byte[] _header;
    private readonly byte[] _buffer;
    private int _filled;
    private long _counter;
    private bool _finished;

    private BackupEncryptingStream(Stream destination, byte[] fileKey, byte[] header, int chunkSize)
    {
        _destination = destination;
        _aes = new AesGcm(fileKey, BackupCipherFormat.TagLength);
        _header = header;
        _buffer = new byte[chunkSize];
    }

    /// <summary>Derives the file key (PBKDF2 for a passphrase: about half a second) and writes the header.</summary>
    public static async Task<BackupEncryptingStream> CreateAsync(Stream destination, BackupKey key, CancellationToken cancellationToken,
        int chunkSize = BackupCipherFormat.DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(key);
        var salt = RandomNumberGenerator.GetBytes(BackupCipherFormat.SaltLength);
        var iterations = key.IsPassphrase ? BackupKey.Pbkdf2Iterations : 0;
        var fileKey = key.Derive(salt, iterations);
        var header = BackupCipherFormat.Header(key.IsPassphrase ? BackupCipherFormat.KdfPbkdf2 : BackupCipherFormat.KdfHkdf, iterations, salt, chunkSize,
            BackupCipherFormat.KeyCheck(fileKey));
        await destination.WriteAsync(header, cancellationToken);
        var stream = new BackupEncryptingStream(destination, fileKey, header, chunkSize);
        CryptographicOperations.ZeroMemory(fileKey);
        return stream;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_finished;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        while (buffer.Length > 0)
        {
            var n = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..n].CopyTo(_buffer.AsSpan(_filled));
            _filled += n;
            buffer = buffer[n..];
            if (_filled == _buffer.Length) _destination.Write(SealChunk(final: false));
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        while (buffer.Length > 0)
        {
            var n = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..n].CopyTo(_buffer.AsMemory(_filled));
            _filled += n;
            buffer = buffer[n..];
            if (_filled == _buffer.Length) await _destination.WriteAsync(SealChunk(final: false), cancellationToken);
        }
    }

    /// <summary>Writes the last chunk (with the final flag) and flushes. Without it the archive reads as truncated.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        await _destination.WriteAsync(SealChunk(final: true), cancellationToken);
        await _destination.FlushAsync(cancellationToken);
        _finished = true;
    }

    public override void Flush()
    {
        // Chunks are sealed when full: a flush of the layers above must not cut a chunk short.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private byte[] SealChunk(bool final)
    {
        var record = new byte[BackupCipherFormat.ChunkHeaderLength + _filled + BackupCipherFormat.TagLength];
        record[0] = final ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(1), (uint)_filled);
        Span<byte> nonce = stackalloc byte[12];
        BackupCipherFormat.Nonce(nonce, _counter++);
        var aad = BackupCipherFormat.AssociatedData(_header, record.AsSpan(0, BackupCipherFormat.ChunkHeaderLength));
        _aes.Encrypt(nonce, _buffer.AsSpan(0, _filled), record.AsSpan(BackupCipherFormat.ChunkHeaderLength, _filled),
            record.AsSpan(BackupCipherFormat.ChunkHeaderLength + _filled), aad);
        _filled = 0;
        return record;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _aes.Dispose();
        _finished = true;
        base.Dispose(disposing);
    }
}
