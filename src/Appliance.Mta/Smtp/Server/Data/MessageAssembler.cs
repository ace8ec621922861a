using System.Buffers;

namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>
/// Builds what the sink receives: the added header fields, then the submitted bytes with the
/// X-Campaign / X-Stream fields cut out. Nothing else changes (delivered = submitted + added
/// headers); the result points into the pooled message chunks, no copy is made.
/// </summary>
internal sealed class MessageAssembler
{
    private readonly SegmentChain _chain = new();

    public ReadOnlySequence<byte> Assemble(ReadOnlyMemory<byte> prefix, in ReadOnlySequence<byte> message, HeaderScan scan)
    {
        _chain.Clear();
        _chain.Add(prefix);
        long position = 0;
        foreach (var (start, end) in scan.Removals)
        {
            if (start > position) _chain.Add(message.Slice(position, start - position));
            position = end;
        }
        if (position < message.Length) _chain.Add(message.Slice(position));
        return _chain.Build();
    }

    public void Clear() => _chain.Clear();
}
