using System.Buffers;

namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// Reads whole replies from a stream through one pooled buffer; replies split across segments or several
/// pipelined replies in one segment are both fine. Replies longer than 64 KiB are a protocol error.
/// </summary>
internal sealed class SmtpReplyReader : IDisposable
{
    private const int InitialSize = 4096;
    private const int MaxSize = 64 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _start;
    private int _end;

    public SmtpReplyReader(Stream stream) => Stream = stream;

    public Stream Stream { get; set; }

    /// <summary>Bytes received but not yet consumed (after the STARTTLS 220 this must be 0).</summary>
    public int Buffered => _end - _start;

    public async ValueTask<SmtpReply> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            if (_end > _start && SmtpReplyParser.TryParse(_buffer.AsSpan(_start, _end - _start), out var reply, out var consumed))
            {
                _start += consumed;
                if (_start == _end) _start = _end = 0;
                return reply!;
            }
            MakeRoom();
            var n = await Stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (n == 0) throw new IOException("Connection closed by peer");
            _end += n;
        }
    }

    private void MakeRoom()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end < _buffer.Length) return;
        if (_buffer.Length >= MaxSize) throw new SmtpProtocolException($"Reply longer than {MaxSize} bytes");
        var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _end).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        var b = Interlocked.Exchange(ref _buffer, []);
        if (b.Length > 0) ArrayPool<byte>.Shared.Return(b);
    }
}
