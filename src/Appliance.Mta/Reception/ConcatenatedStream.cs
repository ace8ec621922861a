namespace Appliance.Mta.Reception;

/// <summary>A forward-only read stream over two streams one after the other (a message's in-memory head, then its
/// spill file); disposes both.</summary>
internal sealed class ConcatenatedStream(Stream first, Stream second) : Stream
{
    private bool _onSecond;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => first.Length + second.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (!_onSecond)
        {
            var n = first.Read(buffer);
            if (n > 0)
            {
                _position += n;
                return n;
            }
            _onSecond = true;
        }
        var m = second.Read(buffer);
        _position += m;
        return m;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            first.Dispose();
            second.Dispose();
        }
        base.Dispose(disposing);
    }
}
