using Appliance.Mta.Queue.Spool;

namespace Appliance.Web.Modules.Backup;

/// <summary>
/// A read-only, seekable view of a spool segment cut at its snapshot length, so the archive gets exactly the
/// snapshot's bytes while the live segment keeps growing, without buffering the segment in memory.
/// </summary>
internal sealed class SnapshotSegmentStream(SpoolSnapshotFile file) : Stream
{
    private readonly FileStream _inner = new(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => file.Length;

    public override long Position
    {
        get => _inner.Position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = file.Length - _inner.Position;
        if (left <= 0) return 0;
        var read = _inner.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
        if (read == 0) throw new IOException($"Spool segment {file.Path} is shorter than its snapshot length {file.Length}");
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _inner.Position + offset,
            _ => file.Length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        return _inner.Seek(Math.Min(target, file.Length), SeekOrigin.Begin);
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
