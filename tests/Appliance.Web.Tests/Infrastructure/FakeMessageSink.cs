using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;

namespace Appliance.Web.Tests.Infrastructure;

/// <summary>Records what HTTP injection hands to the engine and answers with a scripted reply.</summary>
public sealed class FakeMessageSink : IMessageSink
{
    public static readonly SmtpReply Accepted250 = new(250, "2.0.0", "Ok: queued as 0A1B2C3D");

    public SmtpReply Reply { get; set; } = Accepted250;

    public ConcurrentQueue<(MessageEnvelope Envelope, string Content)> Accepted { get; } = new();

    public ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> content, CancellationToken cancellationToken)
    {
        Accepted.Enqueue((envelope, Encoding.UTF8.GetString(content.ToArray())));
        return ValueTask.FromResult(Reply);
    }
}
