using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using System.Buffers;
using System.Globalization;
using System.Text;
using Appliance.Mta.Smtp.Server.Protocol;

namespace Appliance.Mta.Smtp.Server;

/// <summary>The envelope commands: EHLO/HELO, MAIL, RCPT, RSET.</summary>
internal sealed partial class SmtpSession
{
    /// <summary>RFC 5321 §4.1.1.1: EHLO/HELO domain-or-literal; resets any transaction (§4.1.4).</summary>
    private void Hello(bool extended)
    {
        if (!SmtpVerbParser.TryDecodeArgs(Args, out var arg) || !MailboxParser.IsHeloArgument(arg.AsSpan().TrimEnd(' ')))
        {
            Reply(SmtpReplies.HeloSyntax);
            return;
        }
        ResetTransaction();
        _helo = arg.TrimEnd(' ');
        _esmtp = extended;
        _state = SmtpSessionState.Ready;
        if (!extended)
        {
            WriteText($"250 {_options.Hostname}\r\n"); // RFC 2034 §3: no enhanced code on HELO/EHLO replies
            return;
        }
        _writer.Write(EhloResponse());
        _pendingOutput = true;
    }

    /// <summary>The EHLO keywords; AUTH only under TLS, STARTTLS only before it (RFC 3207 §4.2, RFC 4954 §4).</summary>
    private byte[] EhloResponse()
    {
        var offerTls = !_isTls && _ctx.Certificate is not null;
        var offerAuth = _isTls;
        var sb = new StringBuilder(256);
        sb.Append("250-").Append(_options.Hostname).Append("\r\n");
        sb.Append("250-PIPELINING\r\n"); // RFC 2920
        sb.Append("250-SIZE ").Append(_smtp.MaxMessageSize.ToString(CultureInfo.InvariantCulture)).Append("\r\n"); // RFC 1870
        sb.Append("250-8BITMIME\r\n"); // RFC 6152
        sb.Append("250-SMTPUTF8\r\n"); // RFC 6531
        sb.Append("250-ENHANCEDSTATUSCODES\r\n"); // RFC 2034
        if (offerTls) sb.Append("250-STARTTLS\r\n"); // RFC 3207
        sb.Append("250-CHUNKING\r\n"); // RFC 3030
        sb.Append("250-BINARYMIME\r\n"); // RFC 3030 §3
        if (offerAuth) sb.Append("250-AUTH PLAIN LOGIN SCRAM-SHA-256\r\n"); // RFC 4954
        sb.Append("250 DSN\r\n"); // RFC 3461
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private void Mail()
    {
        // RFC 6409 §4.1 / RFC 8314: the submission ports take mail only from authenticated clients.
        if (_kind != SmtpListenerKind.Relay && !IsAuthenticated)
        {
            var reply = _isTls ? SmtpReplies.AuthRequired : SmtpReplies.TlsRequired;
            Reply(reply);
            WriteRejection(reply, "MAIL without AUTH on " + _kind);
            return;
        }
        if (!SmtpVerbParser.TryDecodeArgs(Args, out var args))
        {
            Reply(SmtpReplies.SyntaxError);
            return;
        }
        var error = EnvelopeCommandParser.TryParseMail(args, _smtp.MaxMessageSize, out var mail);
        if (error is not null)
        {
            Reply(error);
            if (error == SmtpReplies.SizeExceeded) WriteRejection(error, "declared SIZE over limit");
            return;
        }
        var tenant = IsAuthenticated || IsRelayHost ? _credential?.TenantId ?? _options.DefaultTenant : null;
        foreach (var policy in _ctx.MailFromPolicies)
        {
            if (policy.EvaluateMailFrom(mail!.ReversePath, _remoteAddress, tenant, mail.Size) is { } refusal)
            {
                var wire = new WireReply(refusal);
                Reply(wire);
                WriteRejection(wire, "sender refused by policy", mail.ReversePath);
                return;
            }
        }
        // RFC 1870 §6: a declared SIZE the disk cannot take now is refused with 452 (4.3.1) at MAIL FROM.
        if (mail!.Size is { } declared && !TryReserveSpace(declared))
        {
            Reply(SmtpReplies.InsufficientStorage);
            WriteRejection(SmtpReplies.InsufficientStorage, "declared SIZE over the free disk space", mail.ReversePath);
            return;
        }
        _mail = mail;
        _recipients.Clear();
        _state = SmtpSessionState.MailGiven;
        Reply(SmtpReplies.SenderOk);
    }

    private void Rcpt()
    {
        if (!SmtpVerbParser.TryDecodeArgs(Args, out var args))
        {
            Reply(SmtpReplies.SyntaxError);
            return;
        }
        var error = EnvelopeCommandParser.TryParseRcpt(args, _mail!.SmtpUtf8, out var rcpt);
        if (error is not null)
        {
            Reply(error);
            return;
        }
        if (rcpt!.IsPostmaster)
        {
            Reply(SmtpReplies.NoLocalMailboxes); // an outbound appliance has no local mailboxes
            return;
        }
        var decision = EvaluateRecipientPolicies(rcpt.Address);
        if (decision.Kind == RecipientDecisionKind.Reject)
        {
            var refusal = new WireReply(decision.Reply!);
            Reply(refusal);
            WriteRejection(refusal, decision.Reason ?? "recipient refused by policy", _mail.ReversePath, rcpt.Address);
            return;
        }
        // Inbound mail for the appliance itself and relayed mail never share a transaction.
        var inbound = decision.Kind == RecipientDecisionKind.AcceptInbound;
        if (_recipients.Count > 0 && inbound != _inbound)
        {
            Reply(SmtpReplies.MixedInboundAndRelay);
            return;
        }
        // Never an open relay: RCPT needs AUTH or a RelayHosts client (RFC 5321 §3.6.2, §7.1).
        if (!inbound && !IsAuthenticated && !IsRelayHost)
        {
            Reply(SmtpReplies.RelayDenied);
            WriteRejection(SmtpReplies.RelayDenied, "relaying denied", _mail.ReversePath, rcpt.Address);
            return;
        }
        // RFC 5321 §4.5.3.1.10: 452 beyond the recipient limit; the client retries the rest later.
        if (_recipients.Count >= _smtp.MaxRecipients)
        {
            Reply(SmtpReplies.TooManyRecipients);
            return;
        }
        if (inbound && RefuseInbound() is { } inboundRefusal)
        {
            Reply(inboundRefusal);
            WriteRejection(inboundRefusal, inboundRefusal == SmtpReplies.InboundBusy ? "inbound concurrency limit" : "declared SIZE over the inbound limit",
                _mail.ReversePath, rcpt.Address);
            return;
        }
        _recipients.Add(new EnvelopeRecipient(rcpt.Address, rcpt.Notify, rcpt.ORcpt));
        _inbound = inbound;
        _state = SmtpSessionState.RcptGiven;
        Reply(SmtpReplies.RecipientOk);
    }

    /// <summary>
    /// Inbound addresses take mail without AUTH, so they have their own limits (<see cref="Configuration.InboundOptions"/>):
    /// a declared SIZE above Inbound:MaxMessageSize is refused here, and the transaction takes one of the client IP's
    /// Inbound:MaxConcurrentPerIp slots until it ends (released in <see cref="ResetTransaction"/>).
    /// </summary>
    private WireReply? RefuseInbound()
    {
        if (_mail!.Size is { } declared && declared > _options.Inbound.MaxMessageSize) return SmtpReplies.InboundSizeExceeded;
        if (_inboundSlot) return null;
        if (!_ctx.InboundTransactions.TryAcquire(_remoteIp, int.MaxValue, Math.Max(1, _options.Inbound.MaxConcurrentPerIp))) return SmtpReplies.InboundBusy;
        _inboundSlot = true;
        return null;
    }

    private void ReleaseInboundSlot()
    {
        if (!_inboundSlot) return;
        _inboundSlot = false;
        _ctx.InboundTransactions.Release(_remoteIp);
    }

    /// <summary>Reserves space so the transaction holds at least <paramref name="total"/> bytes; true when nothing is
    /// counted (no disk guard) or the reservation was granted.</summary>
    private bool TryReserveSpace(long total)
    {
        var reservations = _ctx.SpaceReservations;
        if (reservations is null || total <= _reservedBytes) return true;
        var more = total - _reservedBytes;
        if (!reservations.TryReserve(more)) return false;
        _reservedBytes = total;
        return true;
    }

    /// <summary>Received content is reserved in steps of this size, so a DATA without SIZE takes one reservation per MiB.</summary>
    private const long ReservationStep = 1024 * 1024;

    /// <summary>During DATA/BDAT: keeps the reservation ahead of the bytes received. When it is refused the content
    /// so far is dropped (the rest is read and dropped too) and the message is answered 452 4.3.1.</summary>
    private void ReserveReceived()
    {
        if (_spaceRefused || _ctx.SpaceReservations is null || _message.Length <= _reservedBytes) return;
        var target = (_message.Length + ReservationStep - 1) / ReservationStep * ReservationStep;
        if (TryReserveSpace(target)) return;
        _spaceRefused = true;
        _message.Discard();
    }

    private void ReleaseSpace()
    {
        if (_reservedBytes == 0) return;
        _ctx.SpaceReservations?.Release(_reservedBytes);
        _reservedBytes = 0;
    }

    /// <summary>The size limit of the current transaction's content: the inbound one for mail to the appliance.</summary>
    private long MessageSizeLimit => _inbound ? Math.Min(_smtp.MaxMessageSize, _options.Inbound.MaxMessageSize) : _smtp.MaxMessageSize;

    private RecipientDecision EvaluateRecipientPolicies(string recipient)
    {
        var policies = _ctx.RecipientPolicies;
        if (policies.Length == 0) return RecipientDecision.Continue;
        var mayRelay = IsAuthenticated || IsRelayHost;
        var check = new RecipientCheck(mayRelay ? _credential?.TenantId ?? _options.DefaultTenant : null,
            _mail!.ReversePath, recipient, mayRelay, _remoteAddress, _recipients.Count, _mail.Size);
        foreach (var policy in policies)
        {
            var decision = policy.Evaluate(check);
            if (decision.Kind != RecipientDecisionKind.Continue) return decision;
        }
        return RecipientDecision.Continue;
    }

    /// <summary>RFC 5321 §4.1.1.5: RSET clears the transaction but keeps the EHLO state.</summary>
    private void Rset()
    {
        if (!Args.IsEmpty)
        {
            Reply(SmtpReplies.NoArgsAllowed);
            return;
        }
        ResetTransaction();
        if (_state != SmtpSessionState.Connected) _state = SmtpSessionState.Ready;
        Reply(SmtpReplies.ResetOk);
    }

    private void ResetTransaction()
    {
        _mail = null;
        _recipients.Clear();
        _chunkFailed = false;
        _transfer.Stop();
        _message.Reset();
        ReleaseInboundSlot();
        ReleaseSpace();
        _spaceRefused = false;
        if (_state != SmtpSessionState.Connected) _state = SmtpSessionState.Ready;
    }
}
