using System.Buffers;
using System.Collections.Concurrent;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Tests.Smtp.Server.Fakes;

/// <summary>Records every accepted message (envelope + a copy of the bytes) and answers 250 with a queue id.</summary>
public sealed class RecordingMessageSink : IMessageSink
{
    private int _next;

    public ConcurrentQueue<(MessageEnvelope Envelope, byte[] Content)> Messages { get; } = new();

    /// <summary>When set, the reply to return instead of 250.</summary>
    public SmtpReply? ForcedReply { get; set; }

    public ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> content, CancellationToken cancellationToken)
    {
        if (ForcedReply is { } forced) return ValueTask.FromResult(forced);
        Messages.Enqueue((envelope, content.ToArray()));
        var id = Interlocked.Increment(ref _next);
        return ValueTask.FromResult(new SmtpReply(250, "2.0.0", $"Ok queued as Q{id}"));
    }

    /// <summary>Large messages handed over as head + spill: the head's length, the spill file and whether it existed
    /// during the call.</summary>
    public ConcurrentQueue<(long HeadLength, string Path, bool Existed)> Spills { get; } = new();

    public ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> head, ContentSpill? spill, CancellationToken cancellationToken)
    {
        if (spill is null) return AcceptAsync(envelope, head, cancellationToken);
        Spills.Enqueue((head.Length, spill.Path, File.Exists(spill.Path)));
        return AcceptAsync(envelope, new ReadOnlySequence<byte>(spill.ToArray(head)), cancellationToken);
    }

    public (MessageEnvelope Envelope, string Text) Single()
    {
        var m = Assert.Single(Messages);
        return (m.Envelope, System.Text.Encoding.UTF8.GetString(m.Content));
    }
}
