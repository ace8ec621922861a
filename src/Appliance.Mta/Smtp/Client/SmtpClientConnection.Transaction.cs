using System.Globalization;
using System.Text;
using Appliance.Mta.Messages;
namespace Appliance.Mta.Smtp.Client;

public sealed partial class SmtpClientConnection
{
    /// <summary>
    /// Runs one mail transaction (RFC 5321 §3.3). With PIPELINING (RFC 2920) MAIL, every RCPT and DATA go out in
    /// one write and replies are read in order; otherwise lock-step. Recipients are settled one by one: a refused
    /// RCPT does not fail the others. A 421 settles every pending recipient with it; a dropped link or timeout
    /// settles them with 451 4.4.2 and sets <see cref="TransactionResult.LinkBroken"/>. Either makes the connection
    /// unusable. Throws <see cref="OperationCanceledException"/> only for <paramref name="ct"/> (the link is then unusable).
    /// </summary>
    public Task<TransactionResult> SendAsync(OutboundMessage message, CancellationToken ct) => SendAsync(message, null, ct);

    /// <summary>
    /// Runs one mail transaction as <see cref="SendAsync(OutboundMessage, CancellationToken)"/> and, when
    /// <paramref name="next"/> is given and <see cref="CanCarry"/> allows it, sends <paramref name="next"/>'s command
    /// group (MAIL, every RCPT, DATA) in the same write as this message's content and final dot (RFC 2920 §3.1: "the
    /// actual transfer of message content is explicitly allowed to be the first 'command' in a group"; DATA stays
    /// the last command of the group). The group then waits on the wire, named by <see cref="Carried"/>, and the next
    /// call, which must be <c>SendAsync(next, ...)</c>, only reads its replies. The group is carried only once this
    /// message's content goes out; a transaction that ends before (refused MAIL, no recipient, refused DATA, SIZE or
    /// SMTPUTF8 refused up front) leaves <see cref="Carried"/> null and <paramref name="next"/> is sent as usual.
    /// <para>Failure semantics:</para>
    /// <list type="bullet">
    /// <item>A 421 (RFC 5321 §3.8) or a broken link or timeout after this message's dot settles this message exactly as
    /// without a carried group; the connection is then unusable and the carried transaction was never attempted (its
    /// content was not sent, so the peer cannot have taken it, RFC 5321 §4.1.1.4): the caller hands it back untouched.</item>
    /// <item>A refused dot (4xx/5xx) settles this message only: the peer has reset its transaction state after the
    /// dot's reply (RFC 5321 §4.1.1.4), and the carried MAIL starts a fresh transaction.</item>
    /// <item>The carried MAIL, RCPT and DATA replies are read by the next call and handled as in any pipelined
    /// transaction (RFC 2920 §3.1: the 503s after a refused MAIL, draining a DATA the peer accepted anyway).</item>
    /// <item>Timeouts (RFC 5321 §4.5.3.2): the final-dot timeout covers this message's reply, the command timeout
    /// the carried group's MAIL and RCPT replies, the DATA-initiation timeout its 354.</item>
    /// </list>
    /// </summary>
    public async Task<TransactionResult> SendAsync(OutboundMessage message, OutboundMessage? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsUsable) throw new InvalidOperationException($"Connection to {RemoteDescription} is not usable");
        var carried = _carried is not null;
        if (carried && !ReferenceEquals(_carried, message))
            throw new InvalidOperationException($"The command group already sent to {RemoteDescription} belongs to another message");
        _carried = null;
        var results = new SmtpReply?[message.Recipients.Count];

        // RFC 6531 §3.2 and RFC 1870 §6, checked before anything of the message is sent (a carried message passed them).
        if (!carried && Refusal(message) is { } refused) return Settled(results, refused);

        using var reg = ct.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _timeout);
        SmtpReply? mailReply = null, dataReply = null;
        try
        {
            var pipelined = Capabilities.Pipelining;
            if (carried)
            {
                // The group went out behind the previous message's dot: only its replies are left to read.
            }
            else
            {
                if (_needsRset)
                {
                    // RFC 5321 §4.1.1.5: clear the half-open transaction left by a refused DATA or empty RCPT list.
                    Append("RSET\r\n");
                    if (!pipelined) await FlushCommandsAsync(_timeouts.Command).ConfigureAwait(false);
                }
                if (pipelined)
                {
                    AppendGroup(message);
                    await FlushCommandsAsync(_timeouts.Command).ConfigureAwait(false);
                }
                else
                {
                    MessagesSent++;
                    AppendMail(message);
                }
            }
            if (_needsRset)
            {
                var rset = await ReadReplyAsync(_timeouts.Command).ConfigureAwait(false);
                if (rset.Code == 421) return Closing(results, rset, null, null);
                if (rset.Code != 250) throw new SmtpProtocolException($"RSET refused: {rset}");
                _needsRset = false;
            }

            if (!pipelined) await FlushCommandsAsync(_timeouts.Command).ConfigureAwait(false);
            mailReply = await ReadReplyAsync(_timeouts.Command).ConfigureAwait(false);
            if (mailReply.Code == 421) return Closing(results, mailReply, mailReply, null);
            if (mailReply.Code / 100 == 3) throw new SmtpProtocolException($"Unexpected reply to MAIL: {mailReply}");
            var mailAccepted = mailReply.Code / 100 == 2;

            var accepted = 0;
            for (var i = 0; i < message.Recipients.Count; i++)
            {
                if (!pipelined)
                {
                    if (!mailAccepted) break;
                    AppendRcpt(message.Recipients[i]);
                    await FlushCommandsAsync(_timeouts.Command).ConfigureAwait(false);
                }
                var rcpt = await ReadReplyAsync(_timeouts.Command).ConfigureAwait(false);
                if (rcpt.Code == 421) return Closing(results, rcpt, mailReply, null);
                if (rcpt.Code / 100 == 3) throw new SmtpProtocolException($"Unexpected reply to RCPT: {rcpt}");
                if (!mailAccepted) continue; // RFC 2920 §3.1: replies after a refused MAIL are mere 503s.
                if (rcpt.Code / 100 == 2) accepted++;
                // RFC 5321 §4.5.3.1.10: "552 too many recipients" is legacy for 452; treat it as transient.
                else if (rcpt.Code == 552 && accepted > 0) results[i] = new SmtpReply(452, new EnhancedStatusCode(4, 5, 3), rcpt.Lines);
                else results[i] = rcpt;
            }
            if (!mailAccepted)
            {
                // The pipelined DATA still has its (503/554) reply on the wire: consume it to stay in step.
                if (pipelined) await DrainRefusedDataAsync().ConfigureAwait(false);
                return Settled(results, mailReply, mailReply);
            }

            if (!pipelined)
            {
                if (accepted == 0)
                {
                    _needsRset = true; // MAIL is open on the server; RSET lazily before the next transaction.
                    return new TransactionResult(Final(results, mailReply), mailReply, null, false);
                }
                Append("DATA\r\n");
                await FlushCommandsAsync(_timeouts.DataInit).ConfigureAwait(false);
            }
            // RFC 5321 §4.5.3.2.4: 2 minutes for the 354.
            dataReply = await ReadReplyAsync(_timeouts.DataInit).ConfigureAwait(false);
            if (dataReply.Code == 421) return Closing(results, dataReply, mailReply, dataReply);
            if (dataReply.Code != 354)
            {
                if (dataReply.Code / 100 is 2 or 3) throw new SmtpProtocolException($"Unexpected reply to DATA: {dataReply}");
                _needsRset = true;
                return new TransactionResult(Final(results, dataReply), mailReply, dataReply, false);
            }
            if (accepted == 0)
            {
                // RFC 2920 §3.1: DATA accepted with no valid recipient: end it with an empty body, nothing is sent.
                Append(".\r\n");
                await FlushCommandsAsync(_timeouts.DataBlock).ConfigureAwait(false);
                var empty = await ReadReplyAsync(_timeouts.FinalDot).ConfigureAwait(false);
                if (empty.Code == 421) _broken = true;
                return new TransactionResult(Final(results, mailReply), mailReply, empty, false);
            }

            // RFC 2920 §3.1: the next transaction's group may follow the content and its dot in the same write.
            if (next is not null && CanCarry(next))
            {
                AppendGroup(next);
                _carried = next;
            }
            await WriteContentAsync(message.Content).ConfigureAwait(false);
            // RFC 5321 §4.5.3.2.6: up to 10 minutes for the reply to the final dot.
            dataReply = await ReadReplyAsync(_timeouts.FinalDot).ConfigureAwait(false);
            if (dataReply.Code == 421) return Closing(results, dataReply, mailReply, dataReply);
            if (dataReply.Code / 100 == 3) throw new SmtpProtocolException($"Unexpected reply to end of data: {dataReply}");
            return new TransactionResult(Final(results, dataReply), mailReply, dataReply, false);
        }
        catch (Exception e) when (IsLinkFailure(e))
        {
            _broken = true;
            if (ct.IsCancellationRequested) throw new OperationCanceledException("Send cancelled", e, ct);
            var why = e switch
            {
                OperationCanceledException => "timeout waiting for the peer",
                SmtpProtocolException => $"protocol error: {e.Message}",
                _ => $"connection lost: {e.Message}",
            };
            var reply = new SmtpReply(451, "4.4.2", $"{RemoteDescription}: {why}");
            return new TransactionResult(Final(results, reply), mailReply, dataReply, true);
        }
    }

    /// <summary>
    /// Whether <paramref name="next"/>'s command group may go out behind the current message's dot (RFC 2920 §3.1):
    /// the peer offers PIPELINING, no RSET is pending, and the message passes the SIZE (RFC 1870 §6) and SMTPUTF8
    /// (RFC 6531 §3.2) checks that would otherwise refuse it before anything is sent.
    /// </summary>
    public bool CanCarry(OutboundMessage next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsUsable && Capabilities.Pipelining && !_needsRset && Refusal(next) is null;
    }

    /// <summary>The reply that settles a message before anything of it is sent, or null when it may go.</summary>
    private SmtpReply? Refusal(OutboundMessage message)
    {
        // RFC 6531 §3.2: a message that needs SMTPUTF8 must not go to a peer that lacks it.
        if (message.SmtpUtf8 && !Capabilities.SmtpUtf8 && NeedsSmtpUtf8(message))
            return new SmtpReply(550, "5.6.7", $"{RemoteDescription} does not support SMTPUTF8, required by this message");
        // RFC 1870 §6: don't send what the peer already said it will refuse.
        if (Capabilities.Size is > 0 and var max && message.Content.Length > max)
            return new SmtpReply(552, "5.3.4", $"Message size {message.Content.Length} exceeds the {max} bytes {RemoteDescription} accepts");
        return null;
    }

    /// <summary>RFC 2920 §3.1: MAIL, every RCPT and DATA form one group; DATA is the last command of it.</summary>
    private void AppendGroup(OutboundMessage message)
    {
        MessagesSent++;
        AppendMail(message);
        foreach (var r in message.Recipients) AppendRcpt(r);
        Append("DATA\r\n");
    }

    private async Task DrainRefusedDataAsync()
    {
        var reply = await ReadReplyAsync(_timeouts.DataInit).ConfigureAwait(false);
        if (reply.Code == 421) _broken = true;
        if (reply.Code != 354) return;
        Append(".\r\n");
        await FlushCommandsAsync(_timeouts.DataBlock).ConfigureAwait(false);
        if ((await ReadReplyAsync(_timeouts.FinalDot).ConfigureAwait(false)).Code == 421) _broken = true;
    }

    private void AppendMail(OutboundMessage m)
    {
        var sb = new StringBuilder(96).Append("MAIL FROM:<").Append(m.MailFrom).Append('>');
        // RFC 1870 §3: the declared size is an estimate; the spooled length is close enough.
        if (Capabilities.Size is not null) sb.Append(" SIZE=").Append(m.Content.Length.ToString(CultureInfo.InvariantCulture));
        // RFC 6152 §2: BODY=8BITMIME only to a peer that offers it. Without it the bytes go as they are (as
        // Postfix does with smtp_never_send_ehlo off): down-conversion would change the signed content.
        if (m.Body != BodyType.SevenBit && Capabilities.EightBitMime) sb.Append(" BODY=8BITMIME");
        if (m.SmtpUtf8 && Capabilities.SmtpUtf8) sb.Append(" SMTPUTF8");
        if (Capabilities.Dsn)
        {
            // RFC 3461 §4.3-4.4: RET and ENVID (xtext) only to a DSN-capable peer.
            if (m.Ret == DsnReturn.Full) sb.Append(" RET=FULL");
            else if (m.Ret == DsnReturn.Headers) sb.Append(" RET=HDRS");
            if (!string.IsNullOrEmpty(m.EnvId)) sb.Append(" ENVID=").Append(Xtext.Encode(m.EnvId));
        }
        Append(sb.Append("\r\n").ToString());
    }

    private void AppendRcpt(EnvelopeRecipient r)
    {
        var sb = new StringBuilder(64).Append("RCPT TO:<").Append(r.Address).Append('>');
        if (Capabilities.Dsn)
        {
            // RFC 3461 §4.1-4.2: NOTIFY list and ORCPT (kept in its received "type;xtext" form).
            if (r.Notify.HasFlag(DsnNotify.Never)) sb.Append(" NOTIFY=NEVER");
            else if (r.Notify != DsnNotify.Default)
            {
                var parts = new List<string>(3);
                if (r.Notify.HasFlag(DsnNotify.Success)) parts.Add("SUCCESS");
                if (r.Notify.HasFlag(DsnNotify.Failure)) parts.Add("FAILURE");
                if (r.Notify.HasFlag(DsnNotify.Delay)) parts.Add("DELAY");
                sb.Append(" NOTIFY=").Append(string.Join(',', parts));
            }
            if (!string.IsNullOrEmpty(r.ORcpt)) sb.Append(" ORCPT=").Append(r.ORcpt);
        }
        Append(sb.Append("\r\n").ToString());
    }

    /// <summary>RFC 6531 §3.2: only UTF-8 in the envelope or the header section really needs the extension.</summary>
    private static bool NeedsSmtpUtf8(OutboundMessage m)
    {
        if (!Ascii.IsValid(m.MailFrom) || m.Recipients.Any(r => !Ascii.IsValid(r.Address))) return true;
        var span = m.Content.Span;
        var end = span.IndexOf("\r\n\r\n"u8);
        return !Ascii.IsValid(end < 0 ? span : span[..end]);
    }

    /// <summary>421: the peer is closing (RFC 5321 §3.8); it settles every recipient still open.</summary>
    private TransactionResult Closing(SmtpReply?[] results, SmtpReply reply, SmtpReply? mail, SmtpReply? data)
    {
        _broken = true;
        return new TransactionResult(Final(results, reply), mail, data, false);
    }

    private static TransactionResult Settled(SmtpReply?[] results, SmtpReply reply, SmtpReply? mail = null) =>
        new(Final(results, reply), mail, null, false);

    private static SmtpReply[] Final(SmtpReply?[] results, SmtpReply pending)
    {
        var final = new SmtpReply[results.Length];
        for (var i = 0; i < results.Length; i++) final[i] = results[i] ?? pending;
        return final;
    }
}
