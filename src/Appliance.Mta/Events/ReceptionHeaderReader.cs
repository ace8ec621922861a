using System.Buffers;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Events;

/// <summary>
/// Reads the bounded header summary a Reception event carries, through the one <see cref="HeaderFieldReader"/>. For
/// SMTP the summary is collected during the server's own header scan and comes with the envelope
/// (<see cref="MessageEnvelope.ReceptionHeaders"/>); this reads it from the bytes for the other ways in (HTTP
/// injection, DSNs). It looks only at the header block: it stops at the first empty line (RFC 5322 §2.1), after
/// <see cref="MaxScanBytes"/>, or once <see cref="MaxFields"/> fields or <see cref="MaxTotalChars"/> characters are kept.
/// </summary>
public static class ReceptionHeaderReader
{
    /// <summary>Header bytes looked at; a longer block is cut (and marked truncated).</summary>
    public const int MaxScanBytes = 32 * 1024;

    /// <summary>Fields kept in <see cref="ReceptionHeaders.Fields"/>.</summary>
    public const int MaxFields = ReceptionHeaderCollector.MaxFields;

    /// <summary>RFC 5322 §2.1.1: 998 characters per line; a longer unfolded value is cut there.</summary>
    public const int MaxValueChars = ReceptionHeaderCollector.MaxValueChars;

    /// <summary>Characters of names and values kept in all (about one event line's worth).</summary>
    public const int MaxTotalChars = ReceptionHeaderCollector.MaxTotalChars;

    /// <summary>
    /// The header summary of <paramref name="message"/> (the raw RFC 5322 message): Subject, From, To, Date and the
    /// first fields, bounded as the class describes; <see cref="ReceptionHeaders.Truncated"/> is set when the header
    /// block was cut.
    /// </summary>
    public static ReceptionHeaders Read(in ReadOnlySequence<byte> message)
    {
        var scanned = message.Length > MaxScanBytes ? message.Slice(0, MaxScanBytes) : message;
        byte[]? rented = null;
        ReadOnlySpan<byte> block;
        if (scanned.IsSingleSegment) block = scanned.FirstSpan;
        else
        {
            rented = ArrayPool<byte>.Shared.Rent((int)scanned.Length);
            scanned.CopyTo(rented);
            block = rented.AsSpan(0, (int)scanned.Length);
        }
        try
        {
            var collector = new ReceptionHeaderCollector();
            var reader = new HeaderFieldReader(block, complete: false);
            var ended = false;
            while (true)
            {
                var line = reader.Read(out var field);
                if (line == HeaderLine.Field)
                {
                    collector.Add(field);
                    continue;
                }
                // The empty line or a line that is not a field ends the block; running out of input does not.
                ended = line == HeaderLine.NotAField || reader.EndedAtEmptyLine;
                break;
            }
            return collector.Build(cut: message.Length > MaxScanBytes && !ended);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
