using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text.Json;
using Appliance.Mta.Messages;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Queue.Spool;

public sealed partial class SegmentSpool
{
    /// <summary>
    /// Replays every segment in order: Message records add, Progress records update, Remove records drop.
    /// A bad record ends its segment; in the newest segment that is a torn tail and is truncated away.
    /// Writing then continues in a fresh segment.
    /// </summary>
    public Task<IReadOnlyList<SpooledMessage>> RecoverAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null) throw new InvalidOperationException("Already recovered");
        Directory.CreateDirectory(_directory);
        var numbers = Directory.EnumerateFiles(_directory, "*.seg")
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), out var n) ? n : -1)
            .Where(n => n >= 0).Order().ToList();
        var messages = new Dictionary<long, SpooledMessage>();
        for (var i = 0; i < numbers.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(_directory, $"{numbers[i]:D10}.seg");
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            var segment = new SpoolSegment(numbers[i], path, handle);
            _segments[segment.Number] = segment;
            ReplaySegment(segment, messages, isNewest: i == numbers.Count - 1);
        }
        OpenNewSegment(numbers.Count == 0 ? 1 : numbers[^1] + 1);
        DeleteDeadSegments();
        _evacuate = FindSegmentsToEvacuate();
        _writer = new Thread(WriterLoop) { IsBackground = true, Name = "spool-writer" };
        _writer.Start();
        SpoolLog.Recovered(_logger, messages.Count, numbers.Count);
        return Task.FromResult<IReadOnlyList<SpooledMessage>>(messages.Values.OrderBy(m => m.Id.Value).ToList());
    }

    private void ReplaySegment(SpoolSegment segment, Dictionary<long, SpooledMessage> messages, bool isNewest)
    {
        var length = RandomAccess.GetLength(segment.Handle);
        long offset = 0;
        Span<byte> header = stackalloc byte[SpoolRecordFormat.HeaderSize];
        while (offset < length)
        {
            if (length - offset < SpoolRecordFormat.HeaderSize
                || RandomAccess.Read(segment.Handle, header, offset) != header.Length
                || !SpoolRecordFormat.TryReadHeader(header, out var type, out var payloadLength, out var crc)
                || offset + SpoolRecordFormat.HeaderSize + payloadLength > length)
            {
                CutTail(segment, offset, length, isNewest);
                return;
            }
            using var payload = new PooledBytes(payloadLength);
            var read = RandomAccess.Read(segment.Handle, payload.Memory.Span, offset + SpoolRecordFormat.HeaderSize);
            if (read != payloadLength || Crc32.HashToUInt32(payload.Memory.Span) != crc)
            {
                CutTail(segment, offset, length, isNewest);
                return;
            }
            Apply(segment, type, payload.Memory.Span, offset + SpoolRecordFormat.HeaderSize, messages);
            offset += SpoolRecordFormat.HeaderSize + payloadLength;
        }
    }

    private void Apply(SpoolSegment segment, SpoolRecordType type, ReadOnlySpan<byte> payload, long payloadOffset, Dictionary<long, SpooledMessage> messages)
    {
        var id = BinaryPrimitives.ReadInt64LittleEndian(payload);
        switch (type)
        {
            case SpoolRecordType.Message:
                var envLength = BinaryPrimitives.ReadInt32LittleEndian(payload[8..]);
                var envelope = JsonSerializer.Deserialize(payload.Slice(12, envLength), SpoolJsonContext.Default.MessageEnvelope)!;
                var progLength = BinaryPrimitives.ReadInt32LittleEndian(payload[(12 + envLength)..]);
                var progress = progLength == 0 ? MessageProgress.Initial
                    : JsonSerializer.Deserialize(payload.Slice(16 + envLength, progLength), SpoolJsonContext.Default.MessageProgress)!;
                var contentStart = 16 + envLength + progLength;
                var location = new SpoolLocation(segment.Number, payloadOffset + contentStart, payload.Length - contentStart);
                messages[id] = new SpooledMessage(new SpoolId(id), envelope, location, progress); // a relocated copy supersedes
                TrackLive(id, segment, SpoolRecordFormat.HeaderSize + payload.Length);
                break;
            case SpoolRecordType.Progress:
                if (messages.TryGetValue(id, out var current))
                    messages[id] = current with { Progress = JsonSerializer.Deserialize(payload[8..], SpoolJsonContext.Default.MessageProgress)! };
                break;
            case SpoolRecordType.Remove:
                messages.Remove(id);
                Untrack(id);
                break;
        }
    }

    private void CutTail(SpoolSegment segment, long offset, long length, bool isNewest)
    {
        if (isNewest)
        {
            SpoolLog.TornRecord(_logger, segment.Path, offset, length - offset);
            RandomAccess.SetLength(segment.Handle, offset);
        }
        else
        {
            SpoolLog.CorruptRecord(_logger, segment.Path, offset, length);
        }
    }
}
