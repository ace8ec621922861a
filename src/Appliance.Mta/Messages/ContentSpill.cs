using System.Buffers;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Appliance.Mta.Messages;

/// <summary>
/// The part of a large message's content that did not stay in memory: a temporary file under
/// <c>{DataDir}/tmp</c> written as DATA/BDAT arrives, then read back in bounded chunks by the reception filters
/// (DKIM body hash) and copied into the spool. The full content is always the in-memory head followed by these
/// bytes. Disposing closes and deletes the file; files left by a crash are deleted when the SMTP server starts
/// (<see cref="DeleteLeftovers"/>). Not thread-safe while written; reads after <see cref="Complete"/> are.
/// </summary>
public sealed class ContentSpill : IDisposable
{
    /// <summary>Extension of spill files, so that start-up cleaning deletes only ours.</summary>
    public const string Extension = ".spill";

    /// <summary>Chunk size for writing and for the readers (<see cref="CopyTo(Stream)"/>, <see cref="OpenRead"/>).</summary>
    public const int ChunkSize = 256 * 1024;

    private readonly SafeFileHandle _handle;
    private byte[]? _buffer;
    private int _buffered;
    private int _disposed;

    private ContentSpill(string path, SafeFileHandle handle)
    {
        Path = path;
        _handle = handle;
    }

    /// <summary>Full path of the temporary file.</summary>
    public string Path { get; }

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    /// <summary>Creates an empty spill file in <paramref name="directory"/> (created when missing).</summary>
    public static ContentSpill Create(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, Guid.CreateVersion7().ToString("N") + Extension);
        // DeleteOnClose: the file goes when the handle closes, even when Dispose is missed on an error path.
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        return new ContentSpill(path, handle);
    }

    /// <summary>Deletes spill files a previous process left behind (a crash while receiving). Returns how many.</summary>
    public static int DeleteLeftovers(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        var n = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            try
            {
                File.Delete(file);
                n++;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return n;
    }

    /// <summary>
    /// Appends <paramref name="data"/>, buffered in <see cref="ChunkSize"/> chunks; the file is written when a chunk
    /// fills.
    /// </summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        _buffer ??= ArrayPool<byte>.Shared.Rent(ChunkSize);
        while (!data.IsEmpty)
        {
            var n = Math.Min(data.Length, _buffer.Length - _buffered);
            data[..n].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += n;
            data = data[n..];
            if (_buffered == _buffer.Length) FlushBuffer();
        }
    }

    /// <summary>Writes out what is buffered and returns the write buffer; the spill is then read-only.</summary>
    public void Complete()
    {
        if (_buffer is null) return;
        FlushBuffer();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }

    private void FlushBuffer()
    {
        if (_buffered == 0) return;
        RandomAccess.Write(_handle, _buffer.AsSpan(0, _buffered), Length);
        Length += _buffered;
        _buffered = 0;
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes at <paramref name="offset"/>; 0 at the end.</summary>
    public int Read(long offset, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (offset >= Length) return 0;
        if (destination.Length > Length - offset) destination = destination[..(int)(Length - offset)];
        return RandomAccess.Read(_handle, destination, offset);
    }

    /// <summary>Copies every byte to <paramref name="destination"/> in chunks of <see cref="ChunkSize"/>.</summary>
    public void CopyTo(Stream destination)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long offset = 0;
            int n;
            while ((n = Read(offset, chunk)) > 0)
            {
                destination.Write(chunk, 0, n);
                offset += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>Adds every byte to a running CRC (the spool record checksum).</summary>
    public void AppendTo(Crc32 crc)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long offset = 0;
            int n;
            while ((n = Read(offset, chunk)) > 0)
            {
                crc.Append(chunk.AsSpan(0, n));
                offset += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>A new read-only stream over the bytes; several may be open at once.</summary>
    public Stream OpenRead() => new SpillReadStream(this);

    /// <summary><paramref name="head"/> then these bytes, in one array: for consumers that need the whole message in
    /// memory (test doubles, and inbound mail, which is bounded by <c>Inbound:MaxMessageSize</c>).</summary>
    public byte[] ToArray(in ReadOnlySequence<byte> head)
    {
        var all = new byte[checked(head.Length + Length)];
        head.CopyTo(all);
        var at = (int)head.Length;
        long offset = 0;
        int n;
        while ((n = Read(offset, all.AsSpan(at))) > 0)
        {
            at += n;
            offset += n;
        }
        return all;
    }

    /// <summary>
    /// Closes and deletes the file and returns the write buffer to the pool; safe to call more than once.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        _handle.Dispose();
        try { File.Delete(Path); } catch (IOException) { } // normally already gone (DeleteOnClose)
    }

    private sealed class SpillReadStream(ContentSpill spill) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => spill.Length;

        public override long Position
        {
            get => _position;
            set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = spill.Read(_position, buffer);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => spill.Length + offset,
            };
            return _position;
        }

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
