using System.Buffers;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Appliance.Mta.Dns;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Delivery;

public sealed partial class DeliveryDispatcher
{
    /// <summary>
    /// One outbound connection of a ready queue: connect to the site's hosts in order (RFC 5321 §5.1),
    /// then send items one transaction each until the queue stays empty for the idle time, the
    /// per-connection message limit is reached, or the peer becomes unusable. The lease is given back before another
    /// connection is considered. While an item is being sent the next one, if one is waiting right now, is taken
    /// (<see cref="TakeNextAsync"/>) and its command group carried behind the dot when the connection can
    /// (RFC 2920 §3.1, <see cref="SmtpClientConnection.SendAsync(OutboundMessage, OutboundMessage?, CancellationToken)"/>);
    /// a carried group on a connection that breaks goes back to the ready queue unattempted.
    /// </summary>
    private async Task RunConnectionAsync(ReadyQueue ready, Shaping.IConnectionLease lease)
    {
        SmtpClientConnection? connection = null;
        PreparedSend? next = null; // taken for the next transaction, possibly carried behind the last dot
        var released = false;
        try
        {
            var plan = ready.Plan!;
            var outcome = await ConnectAsync(ready, plan).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                ready.LastResponse = outcome.Failure?.ToString();
                Observe(ready, outcome.Failure);
                // A failed connection is not replaced (that would spin against a dead site while another attempt is
                // still open); the last attempt of the site to fail holds it briefly and hands the waiting items back.
                released = true;
                if (ready.ReleaseConnection() == 0)
                {
                    ready.Hold(outcome.Failure!, _time.GetUtcNow() + ConnectFailureHold);
                    FailWaiting(ready, outcome.Failure!, plan);
                }
                return;
            }
            connection = outcome.Connection!;
            ready.ClearHold();
            var sent = 0;
            HashSet<string>? reportedDomains = null; // TLS-RPT: one session per connection and domain
            var perConnection = ready.Shaping?.MessagesPerConnection.Value ?? _settings.Current.Delivery.MessagesPerConnection;
            while (connection.IsUsable)
            {
                PreparedSend send;
                if (next is not null && connection.Carried is not null)
                {
                    // Its command group is on the wire behind the last dot (RFC 2920 §3.1): the transaction is under way.
                    send = next;
                    next = null;
                }
                else
                {
                    if (sent >= perConnection || ready.Suspended || _stopping.IsCancellationRequested) break;
                    if (next is not null && IsStopped(ready)) Requeue(ready, ref next);
                    if (DrainIfStopped(ready)) break;
                    if (next is not null)
                    {
                        // Taken for chaining but not carried (the last transaction ended before its content, the
                        // message cannot be carried, or its rate slot was not due): it goes next, as any other item.
                        send = next;
                        next = null;
                        if (!await WaitUntilAsync(send.Due).ConfigureAwait(false))
                        {
                            ready.Enqueue(send.Item);
                            send.Dispose();
                            break;
                        }
                    }
                    else
                    {
                        if (!ready.TryDequeue(out var item))
                        {
                            if (!await WaitForWorkAsync(ready).ConfigureAwait(false)) break;
                            continue;
                        }
                        if (item.Cancel != CancelAction.None)
                        {
                            _outcomes.Report(new CancelledOutcome(item));
                            continue;
                        }
                        if (!await AwaitRateAsync(ready).ConfigureAwait(false))
                        {
                            ready.Enqueue(item);
                            break;
                        }
                        send = Prepare(ready, item, DateTimeOffset.MinValue);
                    }
                }
                next = await TakeNextAsync(connection, ready, sent + 2 <= perConnection).ConfigureAwait(false);
                var carry = next is { Error: null, Transactions.Count: > 0 } && next.Due <= _time.GetUtcNow() && connection.CanCarry(next.Transactions[0])
                    ? next.Transactions[0] : null;
                var domain = send.Item.Domain;
                await SendAsync(connection, ready, send, carry).ConfigureAwait(false);
                if (_mtaSts is not null && _dane?.Covers(plan) != true && (reportedDomains ??= new(StringComparer.OrdinalIgnoreCase)).Add(domain))
                    _mtaSts.RecordUnpolicedSession(plan, domain, connection.TlsDescription is not null, connection.RemoteHostName,
                        ready.Source.BindAddress?.ToString());
                sent++;
            }
            if (connection.IsUsable)
            {
                using var quit = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
                quit.CancelAfter(TimeSpan.FromSeconds(5));
                await connection.QuitAsync(quit.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            DeliveryLog.ConnectionFailed(_logger, ready.Name, ex);
        }
        finally
        {
            // A carried transaction on a connection that broke after the last dot was never attempted (no content
            // went out): it goes back to the ready queue untouched, no attempt counted, for another connection.
            if (next is not null) Requeue(ready, ref next);
            if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
            await lease.DisposeAsync().ConfigureAwait(false);
            if (!released)
            {
                ready.ReleaseConnection();
                if (ready.Pending > 0) MaybeConnect(ready);
            }
        }
    }

    /// <summary>How long a site whose hosts all refused stays held: a tenth of the first retry interval, 5 s to 2 min.</summary>
    private TimeSpan ConnectFailureHold =>
        TimeSpan.FromTicks(Math.Clamp(_settings.Current.Delivery.RetryInterval.Ticks / 10, TimeSpan.FromSeconds(5).Ticks, TimeSpan.FromMinutes(2).Ticks));

    private async Task<bool> WaitForWorkAsync(ReadyQueue ready)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        idle.CancelAfter(_settings.Current.Delivery.IdleTimeout);
        try
        {
            return await ready.Items.Reader.WaitToReadAsync(idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<ConnectOutcome> ConnectAsync(ReadyQueue ready, NextHopPlan plan)
    {
        var source = ready.Source;
        // The client timeouts of the snapshot in force for this connection (Delivery:*Timeout apply without a restart).
        var defaults = ClientTimeouts.FromOptions(_settings.Current.Delivery);
        var timeouts = ready.Shaping?.Timeouts(defaults) ?? defaults;
        ConnectOutcome? last = null;
        var allPermanent = true;
        foreach (var host in plan.Hosts)
        {
            foreach (var address in host.Addresses)
            {
                // The egress source's bind address and EHLO name (PowerMTA smtp-source-host, KumoMTA egress_source).
                var request = new ConnectRequest(new System.Net.IPEndPoint(address, host.Port), host.Name, source.BindAddress, source.EhloName ?? _settings.Current.Hostname,
                    plan.Route?.Tls ?? TlsMode.Opportunistic, plan.Route?.Username, plan.Route?.Password, timeouts)
                    { Time = _time, CertificateValidator = _mtaSts?.CertificateValidatorFor(plan, host.Name, source.BindAddress?.ToString()) }; // MTA-STS (RFC 8461 §4.2)
                var dane = _dane?.SessionFor(plan, host, source.BindAddress?.ToString()); // DANE (RFC 7672 §2.2): STARTTLS required, TLSA check
                if (dane is not null) request = dane.Apply(request);
                var outcome = await SmtpClientConnection.ConnectAsync(request, _stopping.Token).ConfigureAwait(false);
                if (dane is not null) outcome = dane.Complete(outcome); // TLS-RPT "tlsa"; a failure becomes 4.7.5 naming the reason
                else _mtaSts?.RecordSession(plan, outcome, host.Name, source.BindAddress?.ToString()); // TLS-RPT (RFC 8460): sessions without TLS under a policy
                if (outcome.Succeeded) return outcome;
                DeliveryLog.ConnectFailed(_logger, Describe(address, host), outcome.Failure?.ToString());
                allPermanent &= outcome.Permanent;
                last = outcome;
            }
        }
        if (last is null) return ConnectOutcome.Failed(new SmtpReply(451, "4.4.4", "No usable address for destination"), false);
        // RFC 5321 §5.1: try every host; the attempt fails permanently only if every host refused permanently.
        return allPermanent ? last : last with { Permanent = false, Failure = Transient(last.Failure!) };
    }

    private static SmtpReply Transient(SmtpReply reply) =>
        reply.IsTransient ? reply : new SmtpReply(451, new EnhancedStatusCode(4, 4, 1), [$"All hosts failed; last: {reply}"]);

    private void FailWaiting(ReadyQueue ready, SmtpReply failure, NextHopPlan plan)
    {
        var info = AttemptInfo.None with { Site = plan.SiteKey };
        while (ready.TryDequeue(out var item))
        {
            _outcomes.Report(item.Cancel != CancelAction.None ? new CancelledOutcome(item) : AttemptOutcome.Uniform(item, failure, info));
        }
    }

    /// <summary>
    /// The item to chain behind the next transaction's dot (RFC 2920 §3.1), taken now without waiting: only when the
    /// peer offers PIPELINING, the per-connection limit leaves room (<paramref name="room"/>), the queue is not
    /// suspended or stopped by a backoff, and an item is waiting right now. Its rate slot is reserved here; the caller
    /// carries it only when that slot is due and the connection can carry it, and otherwise sends it next as usual.
    /// </summary>
    private async Task<PreparedSend?> TakeNextAsync(SmtpClientConnection connection, ReadyQueue ready, bool room)
    {
        if (!room || !connection.Capabilities.Pipelining || ready.Suspended || _stopping.IsCancellationRequested || IsStopped(ready)) return null;
        while (ready.TryDequeue(out var item))
        {
            if (item.Cancel != CancelAction.None)
            {
                _outcomes.Report(new CancelledOutcome(item));
                continue;
            }
            if (await ReserveRateAsync(ready).ConfigureAwait(false) is not { } due)
            {
                ready.Enqueue(item);
                return null;
            }
            return Prepare(ready, item, due);
        }
        return null;
    }

    /// <summary>An item taken but not sent goes back to the ready queue as it was (its content is let go).</summary>
    private static void Requeue(ReadyQueue ready, ref PreparedSend? send)
    {
        if (send is null) return;
        ready.Enqueue(send.Item);
        send.Dispose();
        send = null;
    }

    private PreparedSend Prepare(ReadyQueue ready, QueueItem item, DateTimeOffset due)
    {
        IMemoryOwner<byte>? content = null;
        try
        {
            content = _spool.ReadContent(item.Message.Location);
            item.Message.Unpark(); // taken to send: rebuilt once for the attempt (an item waits in its ready queue packed)
            var env = item.Message.Envelope;
            var recipients = new List<EnvelopeRecipient>(item.Recipients.Length);
            foreach (var i in item.Recipients) recipients.Add(env.Recipients[i]);
            var message = new OutboundMessage(env.MailFrom, recipients, content.Memory, env.EnvId, env.Ret, env.Body, env.SmtpUtf8);
            return new PreparedSend(item, content, Transactions(item, message, ready.Shaping?.MaxRecipientsPerTransaction.Value), null, due);
        }
        catch (Exception ex)
        {
            content?.Dispose();
            return new PreparedSend(item, null, [], ex, due);
        }
    }

    /// <param name="carry">The next item's first transaction, to carry behind this item's last dot; null for none.</param>
    private async Task SendAsync(SmtpClientConnection connection, ReadyQueue ready, PreparedSend send, OutboundMessage? carry)
    {
        Interlocked.Increment(ref _inFlight);
        var item = send.Item;
        item.State = QueueItemState.InFlight;
        var started = Stopwatch.GetTimestamp();
        var info = new AttemptInfo(ready.Site, ready.EgressSource, ready.Source.BindAddress?.ToString(), connection.RemoteDescription, _dane?.TlsDescription(connection) ?? connection.TlsDescription, null);
        try
        {
            if (send.Error is { } error) ExceptionDispatchInfo.Throw(error);
            var result = await SendTransactionsAsync(connection, send.Transactions, carry, _abort.Token).ConfigureAwait(false);
            ready.LastResponse = (result.DataReply ?? result.MailReply)?.ToString();
            RecordVolume(ready, result.PerRecipient);
            foreach (var reply in result.PerRecipient.Where(r => !r.IsPositive).Append(result.MailReply).Append(result.DataReply).Distinct()) Observe(ready, reply);
            _outcomes.Report(AttemptOutcome.Of(item, result.PerRecipient, info with { DurationMs = Elapsed(started) }));
        }
        catch (Exception ex)
        {
            DeliveryLog.SendFailed(_logger, item.Message.Id.ToString(), connection.RemoteDescription, ex);
            _outcomes.Report(AttemptOutcome.Uniform(item, new SmtpReply(451, "4.4.2", $"Connection lost: {ex.Message}"), info with { DurationMs = Elapsed(started) }));
        }
        finally
        {
            send.Dispose();
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
