using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp.Server.Data;
using Appliance.Mta.Smtp.Server.Protocol;

namespace Appliance.Mta.Smtp.Server;

/// <summary>Message content: DATA (RFC 5321 §4.1.1.4), BDAT (RFC 3030) and the hand-over to the sink.</summary>
internal sealed partial class SmtpSession
{
    private async ValueTask DataAsync()
    {
        if (!Args.IsEmpty)
        {
            Reply(SmtpReplies.NoArgsAllowed);
            return;
        }
        if (_mail!.Body == BodyType.BinaryMime)
        {
            Reply(SmtpReplies.BinaryNeedsBdat); // RFC 3030 §3: BINARYMIME content only with BDAT
            return;
        }
        // Without a declared SIZE the first MiB is reserved before 354 (RFC 5321 §4.3.2: 452 is a DATA reply).
        if (!TryReserveSpace(Math.Max(_reservedBytes, Math.Min(ReservationStep, MessageSizeLimit))))
        {
            Reply(SmtpReplies.InsufficientStorage);
            WriteRejection(SmtpReplies.InsufficientStorage, "no disk space for the message", _mail.ReversePath);
            return;
        }
        Reply(SmtpReplies.StartData);
        _message.Reset();
        _dataReader.Reset(MessageSizeLimit);
        _transfer.Start(_ctx.Time.GetUtcNow(), _smtp.DataTimeout, _smtp.DataMinRate);
        while (true)
        {
            var result = await ReadDataAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            var done = _dataReader.Process(buffer, _message, out var consumed);
            ReserveReceived();
            if (done)
            {
                _reader.AdvanceTo(consumed); // pipelined commands after the dot stay buffered
                break;
            }
            _transfer.Credit(buffer.GetOffset(consumed));
            _reader.AdvanceTo(consumed, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                _closing = true; // connection lost inside DATA: nothing is accepted
                ResetTransaction();
                return;
            }
            _needMore = true;
        }
        var violation = _dataReader.Violations;
        await FinishMessageAsync(violation).ConfigureAwait(false);
    }

    /// <summary>
    /// RFC 3030 §2: "BDAT size [LAST]". The chunk's octets are always read, even when the command is
    /// refused, so that the session stays in step with the client.
    /// </summary>
    private async ValueTask BdatAsync()
    {
        if (!TryParseBdat(Args, out var size, out var last))
        {
            Reply(SmtpReplies.SyntaxError);
            return;
        }
        WireReply? refusal = null;
        // The deadline spans the transaction's chunks, and covers a refused chunk's octets too.
        if (_state != SmtpSessionState.Chunking || !_transfer.Active)
            _transfer.Start(_ctx.Time.GetUtcNow(), _smtp.DataTimeout, _smtp.DataMinRate);
        if (!SmtpStateTable.IsAllowed(_state, SmtpCommand.Bdat)) refusal = SmtpStateTable.OutOfSequence(_state, SmtpCommand.Bdat);
        else if (_state == SmtpSessionState.RcptGiven)
        {
            _message.Reset();
            _chunkChecker.Reset();
            _chunkFailed = false;
        }
        var total = _message.Length + size;
        var tooBig = refusal is null && (total > MessageSizeLimit || _chunkFailed);
        var noSpace = refusal is null && !tooBig && !TryReserveSpace(total);
        await ReadChunkAsync(size, refusal is null && !tooBig && !noSpace).ConfigureAwait(false);
        if (refusal is not null)
        {
            if (_state != SmtpSessionState.Chunking) _transfer.Stop();
            Reply(refusal);
            return;
        }
        if (noSpace)
        {
            Reply(SmtpReplies.InsufficientStorage);
            WriteRejection(SmtpReplies.InsufficientStorage, "no disk space for the BDAT chunk", _mail?.ReversePath);
            ResetTransaction();
            return;
        }
        if (tooBig)
        {
            // RFC 1870 §6 / RFC 3030 §2: the transaction fails; the client must start again.
            Reply(SmtpReplies.SizeExceeded);
            WriteRejection(SmtpReplies.SizeExceeded, "BDAT content over SIZE limit", _mail?.ReversePath);
            ResetTransaction();
            return;
        }
        if (!last)
        {
            _state = SmtpSessionState.Chunking;
            WriteText($"250 2.0.0 {size.ToString(CultureInfo.InvariantCulture)} octets received\r\n");
            return;
        }
        await FinishMessageAsync(_chunkChecker.Violations).ConfigureAwait(false);
    }

    /// <summary>Next buffered input for DATA/BDAT under the data timeout and the transfer deadline; replies are
    /// flushed before waiting.</summary>
    private async ValueTask<ReadResult> ReadDataAsync()
    {
        ArmTransferTimeout(_smtp.DataTimeout);
        if (_needMore || !_reader.TryRead(out var result))
        {
            await FlushAsync().ConfigureAwait(false);
            result = await _reader.ReadAsync(_ioToken).ConfigureAwait(false);
        }
        _needMore = false;
        return result;
    }

    private async ValueTask ReadChunkAsync(long size, bool keep)
    {
        var binary = _mail?.Body == BodyType.BinaryMime;
        var remaining = size;
        while (remaining > 0)
        {
            var result = await ReadDataAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            var take = Math.Min(remaining, buffer.Length);
            var chunk = buffer.Slice(0, take);
            if (keep)
            {
                _message.Append(chunk);
                if (!binary)
                    foreach (var m in chunk) _chunkChecker.Check(m.Span);
            }
            remaining -= take;
            _transfer.Credit(take);
            _reader.AdvanceTo(chunk.End);
            if (remaining > 0)
            {
                if (result.IsCompleted || result.IsCanceled) throw new IOException("Connection closed inside BDAT");
                _needMore = take == 0 || take == buffer.Length;
            }
        }
    }

    /// <summary>Arms the session timer with <paramref name="idle"/>, or with what is left of the transfer deadline
    /// when that is sooner (Slowloris defence: one octet every few seconds no longer holds a session for ever).</summary>
    private void ArmTransferTimeout(TimeSpan idle)
    {
        var left = _transfer.Remaining(_ctx.Time.GetUtcNow());
        if (left < idle)
        {
            _timeoutReply = SmtpReplies.TransferTooSlow;
            ArmTimeout(left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1));
        }
        else
        {
            _timeoutReply = SmtpReplies.Timeout;
            ArmTimeout(idle);
        }
    }

    private static bool TryParseBdat(ReadOnlySpan<byte> args, out long size, out bool last)
    {
        last = false;
        var space = args.IndexOf((byte)' ');
        var number = space < 0 ? args : args[..space];
        if (number.IsEmpty || number.Length > 18 || !System.Buffers.Text.Utf8Parser.TryParse(number, out size, out var n) || n != number.Length || size < 0)
        {
            size = 0;
            return false;
        }
        if (space < 0) return true;
        var rest = args[(space + 1)..];
        last = Ascii.EqualsIgnoreCase(rest, "LAST"u8);
        return last;
    }

    private async ValueTask FinishMessageAsync(ContentViolation violation)
    {
        // The content is in: the deadline no longer applies while the message is checked and spooled.
        _transfer.Stop();
        _timeoutReply = SmtpReplies.Timeout;
        ArmTimeout(_smtp.DataTimeout);
        try
        {
            if (_spaceRefused || _message.SpillFailed)
            {
                Reply(SmtpReplies.InsufficientStorage);
                WriteRejection(SmtpReplies.InsufficientStorage, "disk space ran short while the message was received", _mail?.ReversePath);
                return;
            }
            if (violation != ContentViolation.None)
            {
                var reply = (violation & ContentViolation.TooBig) != 0 ? SmtpReplies.SizeExceeded
                    : (violation & ContentViolation.BareLineEnding) != 0 ? SmtpReplies.BareLineEnding
                    : (violation & ContentViolation.Nul) != 0 ? SmtpReplies.NulInContent
                    : SmtpReplies.TextLineTooLong;
                Reply(reply);
                WriteRejection(reply, "message content refused: " + violation, _mail?.ReversePath);
                return;
            }
            var reply2 = await DeliverToSinkAsync().ConfigureAwait(false);
            Reply(reply2);
        }
        finally
        {
            ResetTransaction();
        }
    }

    private async ValueTask<SmtpReply> DeliverToSinkAsync()
    {
        var now = _ctx.Time.GetUtcNow();
        var content = _message.AsSequence();
        HeaderScanner.Scan(content, _scan);
        var hostname = _options.Hostname;
        var info = new ReceptionInfo(_helo ?? "unknown", _remoteIp, hostname, _esmtp, _isTls, IsAuthenticated, _tlsDescription,
            Guid.CreateVersion7().ToString("N")[..20], _recipients.Count == 1 ? _recipients[0].Address : null, now);
        var prefix = AddedHeaders.Received(info);
        var messageId = _scan.MessageId;
        // RFC 6409 §8.2, §8.3: a submission server may add a missing Date and Message-ID.
        if (_kind != SmtpListenerKind.Relay && _smtp.FixupSubmissionHeaders)
        {
            if (!_scan.HasMessageId)
            {
                messageId = $"{Guid.NewGuid():N}@{hostname}";
                prefix += AddedHeaders.MessageId(messageId);
            }
            if (!_scan.HasDate) prefix += AddedHeaders.Date(now);
        }
        var envelope = new MessageEnvelope
        {
            MailFrom = _mail!.ReversePath,
            Recipients = [.. _recipients],
            EnvId = _mail.EnvId,
            Ret = _mail.Ret,
            Body = _mail.Body,
            SmtpUtf8 = _mail.SmtpUtf8,
            TenantId = _credential?.TenantId ?? _options.DefaultTenant,
            Campaign = _scan.Campaign,
            Stream = _credential?.Stream ?? _scan.Stream,
            HandedOver = _credential?.Handover == true,
            ReceivedAt = now,
            ClientAddress = _remoteAddress,
            AuthUser = _credential?.Username,
            MessageIdHeader = messageId,
            Inbound = _inbound,
        };
        var prefixBytes = Encoding.UTF8.GetBytes(prefix);
        // The Reception event's header summary from the same scan, with the fields prepended here (Received, and on
        // submission Message-ID/Date): the header block is not read again before the spool.
        envelope = envelope with { ReceptionHeaders = ReceptionHeaderCollector.Insert(_scan.Summary!.Build(), 0, prefixBytes) };
        var full = _assembler.Assemble(prefixBytes, content, _scan);
        try
        {
            // A large message's body is in a temporary file (MessageBuffer.Spill); the transaction reset deletes it.
            return await _ctx.Sink.AcceptAsync(envelope, full, _message.Spill, _abort).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SmtpServerLog.SessionFailed(_ctx.Logger, _sessionId, ex);
            return SmtpReplies.LocalError.Reply; // RFC 5321 §4.2.3: 451, the client retries
        }
        finally
        {
            _assembler.Clear();
        }
    }
}
