using System.Buffers;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Reception;

/// <summary>
/// The <see cref="IMessageSink"/> the SMTP server and HTTP injection hand messages to: runs the reception filters
/// in order, then spools through the queue (<see cref="MessageAcceptor"/>). With no filters registered it adds nothing but one call.
/// </summary>
public sealed class ReceptionPipeline : IMessageSink
{
    private readonly MessageAcceptor _queue;
    private readonly IReceptionFilter[] _filters;

    /// <summary>A pipeline that runs <paramref name="filters"/> in ascending order, then hands the message to <paramref name="queue"/>.</summary>
    public ReceptionPipeline(MessageAcceptor queue, IEnumerable<IReceptionFilter> filters)
    {
        _queue = queue;
        _filters = [.. filters.OrderBy(f => f.Order)];
    }

    /// <inheritdoc />
    public ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> content, CancellationToken cancellationToken) =>
        AcceptAsync(envelope, content, null, cancellationToken);

    /// <summary>A large message arrives as its head plus a <see cref="ContentSpill"/>; the filters and the spool read
    /// the spill in chunks, never whole.</summary>
    public async ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> content, ContentSpill? spill, CancellationToken cancellationToken)
    {
        if (_filters.Length == 0 && !envelope.Inbound) return await _queue.AcceptAsync(envelope, content, spill, cancellationToken).ConfigureAwait(false);
        var message = new ReceptionMessage(envelope, content, spill);
        foreach (var filter in _filters)
        {
            var verdict = await filter.FilterAsync(message, cancellationToken).ConfigureAwait(false);
            if (verdict.IsStop) return verdict.Reply!;
        }
        // Inbound mail that no filter took must never be relayed: the policy that accepted it had no processor.
        if (message.Envelope.Inbound) return new SmtpReply(550, "5.1.1", "No inbound processing for this address");
        return await _queue.AcceptAsync(message.Envelope, message.Content, message.Spill, cancellationToken).ConfigureAwait(false);
    }
}
