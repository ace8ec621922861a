namespace Appliance.Mta.Dkim;

/// <summary>
/// A growable byte buffer kept per thread by <see cref="DkimSigningScratch"/>: the canonical header data and the
/// DKIM-Signature fields are built in it without allocating per message. <see cref="Length"/> can be set back to
/// drop what was written after a mark.
/// </summary>
internal sealed class DkimByteBuffer(int capacity)
{
    private byte[] _buffer = new byte[capacity];

    /// <summary>Bytes written; may be set back to a smaller value.</summary>
    public int Length { get; set; }

    /// <summary>What was written.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>A span of at least <paramref name="size"/> bytes at the end; call <see cref="Advance"/> after writing.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (Length + size > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + size));
        return _buffer.AsSpan(Length);
    }

    /// <summary>Counts <paramref name="count"/> bytes written into the span of <see cref="GetSpan"/>.</summary>
    public void Advance(int count) => Length += count;

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>Appends one byte.</summary>
    public void Write(byte value)
    {
        GetSpan(1)[0] = value;
        Length++;
    }

    /// <summary>Appends an ASCII string (tag values: domain, selector, field names).</summary>
    public void WriteAscii(string value)
    {
        var span = GetSpan(value.Length);
        for (var i = 0; i < value.Length; i++)
            span[i] = value[i] < 0x80 ? (byte)value[i] : throw new ArgumentException("DKIM tag values are ASCII (domains as A-labels)", nameof(value));
        Length += value.Length;
    }
}
