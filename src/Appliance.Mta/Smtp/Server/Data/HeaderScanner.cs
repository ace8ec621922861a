using System.Buffers;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>
/// Scans only the header block (RFC 5322 §2.2, up to the first empty line) of a message, once, through the one
/// <see cref="HeaderFieldReader"/>: the few values the server needs, the X-Campaign / X-Stream fields to remove, and the
/// Reception event's header summary (<see cref="ReceptionHeaderCollector"/>), so nothing reads the header block again
/// before the spool.
/// </summary>
internal static class HeaderScanner
{
    private const int MaxValueLength = 998;

    public static void Scan(in ReadOnlySequence<byte> message, HeaderScan result)
    {
        result.Clear();
        var blockLength = HeaderBlockLength(message);
        byte[]? rented = null;
        ReadOnlySpan<byte> block;
        if (message.FirstSpan.Length >= blockLength) block = message.FirstSpan[..(int)blockLength];
        else
        {
            rented = ArrayPool<byte>.Shared.Rent((int)blockLength);
            message.Slice(0, blockLength).CopyTo(rented);
            block = rented.AsSpan(0, (int)blockLength);
        }
        try
        {
            var summary = new ReceptionHeaderCollector();
            var reader = new HeaderFieldReader(block);
            // A line that is not a header field ends the block: the rest is treated as body.
            while (reader.Read(out var field) == HeaderLine.Field)
            {
                if (field.Is("X-Campaign"u8))
                {
                    result.Campaign ??= EmptyToNull(field);
                    result.Removals.Add((field.Start, field.End));
                    continue; // removed before the message is handed on: not part of the summary either
                }
                if (field.Is("X-Stream"u8))
                {
                    result.Stream ??= EmptyToNull(field);
                    result.Removals.Add((field.Start, field.End));
                    continue;
                }
                if (field.Is("Message-ID"u8) && !result.HasMessageId)
                {
                    result.HasMessageId = true;
                    if (field.RawValue.Length <= MaxValueLength * 4)
                    {
                        var v = field.Value().AsSpan().Trim();
                        if (v.Length > 1 && v[0] == '<' && v[^1] == '>') v = v[1..^1];
                        result.MessageId = v.Length == 0 ? null : v.ToString();
                    }
                }
                else if (field.Is("Date"u8)) result.HasDate = true;
                summary.Add(field);
            }
            result.Summary = summary;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Bytes up to and including the empty line that ends the header block, or the whole message.</summary>
    private static long HeaderBlockLength(in ReadOnlySequence<byte> message)
    {
        var first = message.FirstSpan;
        if (first.Length > 0 && first[0] == (byte)'\n') return 1;
        if (first.Length > 1 && first[0] == (byte)'\r' && first[1] == (byte)'\n') return 2;
        var reader = new SequenceReader<byte>(message);
        while (reader.TryAdvanceTo((byte)'\n'))
        {
            if (reader.IsNext((byte)'\n', advancePast: true) || reader.IsNext("\r\n"u8, advancePast: true)) return reader.Consumed;
        }
        return message.Length;
    }

    private static string? EmptyToNull(in HeaderFieldSpan field)
    {
        if (field.RawValue.Length > MaxValueLength * 4) return null;
        var s = field.Value();
        return string.IsNullOrWhiteSpace(s) ? null : s.Length > MaxValueLength ? s[..MaxValueLength] : s;
    }
}
